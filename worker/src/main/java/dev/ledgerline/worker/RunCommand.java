package dev.ledgerline.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import jakarta.transaction.TransactionManager;

import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;

import dev.ledgerline.db.LedgerSchema;
import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.messaging.PollerThreads;
import dev.ledgerline.ledger.messaging.QueuePoller;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.worker.consume.DeadLetterEnding;
import dev.ledgerline.worker.consume.MessageHandler;
import dev.ledgerline.worker.consume.TransferApplication;
import dev.ledgerline.worker.consume.XaQueueConsumer;
import dev.ledgerline.worker.narayana.BrokerRecoveryHelper;
import dev.ledgerline.worker.narayana.DatabaseRecoveryHelper;
import dev.ledgerline.worker.narayana.ObjectStoreKind;
import dev.ledgerline.worker.narayana.TransactionServices;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Consumes {@code transfers.xa} until the process is told to stop. Start order: schema, transaction recovery
 * (before any consumer, so that branches a previous run left prepared are resolved by the same process that
 * logged them), the consumers, the status endpoint, then the ready line. Stop order, on SIGTERM: consumers
 * (each finishes its transaction in flight), status endpoint, recovery, connections.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Applies XA transfers from the broker's transfers.xa queue, in Narayana transactions.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(RunCommand.class.getName());

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--consumers", defaultValue = "2", description = "Consumer threads on transfers.xa (default ${DEFAULT-VALUE}).")
    int consumers;

    @Option(names = "--data-dir", required = true,
            description = "Directory of the worker's own state: Narayana's transaction log goes under it. Keep it: "
                    + "a transaction logged there is recovered by the next start.")
    Path dataDir;

    @Option(names = "--node-id", defaultValue = "worker-1",
            description = "Narayana node identifier, unique among the coordinators sharing the broker and the "
                    + "database; at most 28 bytes (default ${DEFAULT-VALUE}). Also this worker's name on the "
                    + "transfers it ends: worker/<node id>.")
    String nodeId;

    /*
     * Not Narayana's 120 s: after a crash between prepare and the decision, the database branch holds its row
     * locks until recovery presumes abort, which takes the orphan safety interval (20 s) plus the scans that
     * see it. Transfers on those accounts wait on the locks and are redelivered meanwhile; the broker's
     * redelivery budget (about 45 s) must outlast that, or they would be dead-lettered though nothing failed.
     */
    @Option(names = "--recovery-period-seconds", defaultValue = "10",
            description = "Time between recovery scans (default ${DEFAULT-VALUE}).")
    Integer recoveryPeriodSeconds;

    @Option(names = "--recovery-backoff-seconds",
            description = "Time between the two passes of a recovery scan (default Narayana's, 10).")
    Integer recoveryBackoffSeconds;

    @Option(names = "--object-store", defaultValue = "${env:LEDGERLINE_WORKER_OBJECT_STORE:-file}",
            converter = ObjectStoreConverter.class,
            description = "Narayana's transaction log: file (a file per transaction) or journal (Artemis's "
                    + "journal, appends of concurrent transactions forced together); default ${DEFAULT-VALUE}, "
                    + "or LEDGERLINE_WORKER_OBJECT_STORE.")
    ObjectStoreKind objectStore;

    @Option(names = "--poll-wait-ms", defaultValue = "1000",
            description = "How long one receive waits for a message before its empty transaction ends (default ${DEFAULT-VALUE}).")
    long pollWaitMillis;

    @Option(names = "--http-port", defaultValue = "0",
            description = "Loopback port for GET /health and GET /ledger/totals; 0 for none (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Override
    public Integer call() throws Exception {
        AppliedBy appliedBy = validate();
        CrashPoint armed = CrashPoints.armed();
        if (armed != null) {
            LOG.warning("crash point " + armed.pointName() + " is ARMED: this worker halts when it gets there ("
                    + armed.where() + "). Drills only.");
        }
        LedgerDatabase database = connection.database();
        var migration = LedgerSchema.migrate(database.plain());
        LOG.info("ledger schema migrated on " + database + " (" + migration.migrationsExecuted + " migrations applied now)");

        Path data = Files.createDirectories(dataDir).toAbsolutePath();
        ActiveMQXAConnectionFactory broker = connection.xaBrokerFactory();
        // No prefetch: the broker counts a delivery for every message buffered in a consumer when its
        // connection dies, so with a window each crash would spend delivery attempts of messages this worker
        // never saw, and enough crashes would dead-letter transfers that never failed.
        broker.setConsumerWindowSize(0);
        DatabaseRecoveryHelper databaseRecovery = new DatabaseRecoveryHelper(database.xa());
        TransactionServices transactionServices = TransactionServices.start(nodeId,
                TransactionServices.objectStoreDir(data), objectStore, seconds(recoveryPeriodSeconds), seconds(recoveryBackoffSeconds),
                List.of(new BrokerRecoveryHelper(broker), databaseRecovery));
        TransactionManager tm = transactionServices.transactionManager();

        Clock clock = Clock.systemUTC();
        // A receive in flight ends within its wait; a stop gives it that long, and a little more to commit.
        PollerThreads pollers = new PollerThreads(Thread::new, Duration.ofMillis(pollWaitMillis).plusSeconds(5));
        MessageHandler transfers = new TransferApplication(clock, appliedBy, database.plain());
        String queue = TransferQueue.XA.address();
        String deadLetters = TransferQueue.XA.deadLetterAddress();
        for (int i = 1; i <= consumers; i++) {
            start(new XaQueueConsumer("xa-consumer-" + i, tm, broker, queue, database.xa(), transfers,
                    true, pollWaitMillis), pollers);
        }
        start(new XaQueueConsumer("xa-dead-letters", tm, broker, deadLetters, database.xa(),
                new DeadLetterEnding(clock, appliedBy), false, pollWaitMillis), pollers);
        LOG.info("started " + consumers + " XA consumers on " + queue + " and one on " + deadLetters
                + " (broker " + connection.brokerConnectionUrl() + " as " + connection.brokerUserName() + ")");

        StatusServer status = httpPort == 0 ? null
                : StatusServer.start(httpPort, nodeId, () -> pollers.alive() == pollers.started(), database.plain());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop(pollers, status, transactionServices, databaseRecovery, broker);
            } finally {
                stopped.countDown();
            }
        }, "ledgerline-worker-shutdown"));

        System.out.println("Ledgerline worker ready (consumers=" + consumers + ", node=" + nodeId + ", crash point="
                + (armed == null ? "none" : armed.pointName()) + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** A consumer keeps its connections across calls; its thread closes them once its loop has ended. */
    private static void start(XaQueueConsumer consumer, PollerThreads pollers) {
        pollers.start(new QueuePoller(consumer.name(), consumer, Duration.ZERO), consumer::close);
    }

    /**
     * Runs in the shutdown hook. Its lines go to stderr as well as the log: JUL's own hook may already have
     * closed its handlers, and a drill's log must show whether the stop was clean.
     */
    private void stop(PollerThreads pollers, StatusServer status, TransactionServices transactionServices,
                      DatabaseRecoveryHelper databaseRecovery, ActiveMQXAConnectionFactory broker) {
        pollers.stop();
        if (status != null) {
            status.close();
        }
        transactionServices.close();
        databaseRecovery.close();
        broker.close();
        System.err.println("Ledgerline worker stopped");
    }

    /** @return who this worker says ended a transfer, named by its node id */
    private AppliedBy validate() {
        connection.brokerConnectionUrl(); // a pair's URLs are checked before anything starts
        if (consumers < 1) {
            throw new ParameterException(spec.commandLine(), "--consumers must be at least 1, was " + consumers);
        }
        if (pollWaitMillis < 1) {
            throw new ParameterException(spec.commandLine(), "--poll-wait-ms must be positive, was " + pollWaitMillis);
        }
        if (httpPort < 0 || httpPort > 65_535) {
            throw new ParameterException(spec.commandLine(), "--http-port must be between 0 and 65535, was " + httpPort);
        }
        try {
            return AppliedBy.worker(nodeId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--node-id " + e.getMessage());
        }
    }

    private static Duration seconds(Integer value) {
        return value == null ? null : Duration.ofSeconds(value);
    }

    /** Reads {@code file} or {@code journal}, in any case, as the option or its environment variable gives it. */
    static final class ObjectStoreConverter implements CommandLine.ITypeConverter<ObjectStoreKind> {
        @Override
        public ObjectStoreKind convert(String value) {
            for (ObjectStoreKind kind : ObjectStoreKind.values()) {
                if (kind.name().equalsIgnoreCase(value.trim())) {
                    return kind;
                }
            }
            throw new CommandLine.TypeConversionException("expected file or journal, got '" + value + "'");
        }
    }
}
