package dev.ledgerline.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import dev.ledgerline.ledger.messaging.BrokerUrl;
import dev.ledgerline.ledger.messaging.RedeliveryPolicy;
import dev.ledgerline.ledger.messaging.TransferQueue;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the Ledgerline Artemis broker in its own JVM until the process is told to stop (SIGTERM or Ctrl-C).
 *
 * <p>On its own ({@code --role standalone}, the default) it prints one line on stdout once it serves clients:
 * "Ledgerline broker ready on tcp://host:port (...)". As the primary or the backup of a replication pair
 * ({@link ReplicationPair}) it prints a line each time its place in the pair changes ({@link PairState}): the
 * same "ready" line whenever it becomes active (the backup after its primary failed, the primary after taking
 * its role back), "active ... in sync" when its peer holds a synchronized replica, "passive" while it is
 * the backup, "passive ... in sync" once its replica is complete.
 *
 * <p>Exit codes: 1 when the start failed with an exception; 2 for invalid options; 3 when the broker started
 * but is not active or not listening on its address (in a pair: when it became active but does not listen);
 * 4 when the broker stopped by itself (for example after a journal I/O error), so that a supervisor notices
 * instead of keeping a process without a broker. A stop by signal ends with the JVM's usual status for that
 * signal (143 for SIGTERM).
 */
@Command(name = "ledgerline-broker", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the persistent Artemis broker with the Ledgerline transfer queues.")
public final class LedgerBroker implements Callable<Integer> {

    static final int EXIT_NOT_READY = 3;
    static final int EXIT_STOPPED_BY_ITSELF = 4;

    private static final long LIVENESS_CHECK_SECONDS = 1;
    /** A pair's broker is watched more closely: the time it takes to report a takeover is part of the outage. */
    private static final long PAIR_CHECK_MILLIS = 100;
    /**
     * How long a pair's broker may be stopped before that counts as stopped by itself: a backup that hands
     * the role back to its primary stops and starts again as the backup, in the same process.
     */
    private static final Duration PAIR_RESTART_GRACE = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(LedgerBroker.class.getName());

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", required = true,
            description = "Directory for the journal, bindings, paging and large messages; created if missing.")
    private Path dataDir;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address the acceptor binds to (default ${DEFAULT-VALUE}). Traffic is not encrypted: keep it on loopback.")
    private String host;

    @Option(names = "--port", defaultValue = "61616", description = "Acceptor port (default ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--role", defaultValue = "standalone",
            description = "standalone (default): a broker on its own; primary or backup: one of the two brokers of "
                    + "a replication pair, the other one at --peer-host and --peer-port. Each keeps its own journal "
                    + "in its own --data-dir. Both read the pair's login from LEDGERLINE_BROKER_CLUSTER_PASSWORD "
                    + "(a DEMO default when unset).")
    private BrokerRole role;

    @Option(names = "--peer-host", defaultValue = "127.0.0.1",
            description = "Host of the other broker of the pair (default ${DEFAULT-VALUE}).")
    private String peerHost;

    @Option(names = "--peer-port", description = "Port of the other broker of the pair; required with --role primary "
            + "or backup.")
    private Integer peerPort;

    /*
     * The redelivery defaults are TransferQueue's, and why they are what they are is said there. Each option
     * falls back on a system property, then on an environment variable that the server reads too (as
     * ledgerline.broker.max-delivery-attempts and so on): the server needs the policy to know how long the
     * broker may keep redelivering a message, so one variable set for both keeps them in step.
     */
    @Option(names = "--max-delivery-attempts",
            defaultValue = "${sys:ledgerline.broker.maxDeliveryAttempts:-${env:LEDGERLINE_BROKER_MAX_DELIVERY_ATTEMPTS:-"
                    + TransferQueue.DEFAULT_MAX_DELIVERY_ATTEMPTS + "}}",
            description = "Deliveries before a message goes to its .dlq queue (system property "
                    + "ledgerline.broker.maxDeliveryAttempts, environment LEDGERLINE_BROKER_MAX_DELIVERY_ATTEMPTS; "
                    + "default ${DEFAULT-VALUE}).")
    private int maxDeliveryAttempts;

    @Option(names = "--redelivery-delay-ms",
            defaultValue = "${sys:ledgerline.broker.redeliveryDelayMs:-${env:LEDGERLINE_BROKER_REDELIVERY_DELAY_MS:-"
                    + TransferQueue.DEFAULT_REDELIVERY_DELAY_MILLIS + "}}",
            description = "Wait before the first redelivery (system property ledgerline.broker.redeliveryDelayMs, "
                    + "environment LEDGERLINE_BROKER_REDELIVERY_DELAY_MS; default ${DEFAULT-VALUE}).")
    private long redeliveryDelayMillis;

    @Option(names = "--redelivery-multiplier",
            defaultValue = "${sys:ledgerline.broker.redeliveryMultiplier:-${env:LEDGERLINE_BROKER_REDELIVERY_MULTIPLIER:-"
                    + TransferQueue.DEFAULT_REDELIVERY_MULTIPLIER + "}}",
            description = "Factor applied to the wait after each further failure (system property "
                    + "ledgerline.broker.redeliveryMultiplier, environment LEDGERLINE_BROKER_REDELIVERY_MULTIPLIER; "
                    + "default ${DEFAULT-VALUE}).")
    private double redeliveryMultiplier;

    @Option(names = "--max-redelivery-delay-ms",
            defaultValue = "${sys:ledgerline.broker.maxRedeliveryDelayMs:-${env:LEDGERLINE_BROKER_MAX_REDELIVERY_DELAY_MS:-"
                    + TransferQueue.DEFAULT_MAX_REDELIVERY_DELAY_MILLIS + "}}",
            description = "Ceiling for the redelivery wait (system property ledgerline.broker.maxRedeliveryDelayMs, "
                    + "environment LEDGERLINE_BROKER_MAX_REDELIVERY_DELAY_MS; default ${DEFAULT-VALUE}).")
    private long maxRedeliveryDelayMillis;

    @Option(names = "--journal-type",
            defaultValue = "${sys:ledgerline.broker.journalType:-${env:LEDGERLINE_BROKER_JOURNAL_TYPE:-auto}}",
            description = "auto (default): ASYNCIO where libaio loads and the data directory takes direct I/O, NIO "
                    + "elsewhere, as `artemis create` chooses; or nio, or asyncio (system property "
                    + "ledgerline.broker.journalType, environment LEDGERLINE_BROKER_JOURNAL_TYPE).")
    private JournalTuning.Choice journalType;

    @Option(names = "--journal-buffer-timeout-ns",
            defaultValue = "${sys:ledgerline.broker.journalBufferTimeoutNs:-${env:LEDGERLINE_BROKER_JOURNAL_BUFFER_TIMEOUT_NS:--1}}",
            description = "The journal's flush timer in nanoseconds. Unset, it is measured at each start with auto "
                    + "(the time one forced write takes in the data directory, as `artemis create` sets it), and "
                    + "Artemis's default for a journal named by --journal-type (system property "
                    + "ledgerline.broker.journalBufferTimeoutNs, environment LEDGERLINE_BROKER_JOURNAL_BUFFER_TIMEOUT_NS).")
    private long journalBufferTimeoutNanos;

    public static void main(String[] args) {
        BrokerLogging.configure();
        System.exit(commandLine().execute(args));
    }

    /** The command line as main runs it: {@code --role primary} and {@code --role PRIMARY} alike. */
    static CommandLine commandLine() {
        return new CommandLine(new LedgerBroker()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535, was " + port);
        }
        RedeliveryPolicy redelivery = redeliveryPolicy();
        ReplicationPair pair = replicationPair();
        Path data = Files.createDirectories(dataDir).toAbsolutePath();
        JournalTuning journal = JournalTuning.choose(journalType, journalBufferTimeoutNanos,
                BrokerConfigurationFactory.journalDirectory(data));

        // Passwords from the environment (LEDGERLINE_BROKER_*_PASSWORD), demo defaults where unset.
        BrokerSecurity security = BrokerSecurity.fromEnvironment();
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ()
                .setConfiguration(BrokerConfigurationFactory.create(data, host, port, redelivery, security, pair,
                        journal))
                .setSecurityManager(security.securityManager());
        security.logUsers();
        // The server computes its shortest allowed retention of processed-message records from these values.
        say("Ledgerline broker redelivery: " + redelivery.describe() + ", so up to "
                + redelivery.redeliveryWindow().toMillis() + " ms between a message's first and last delivery");
        if (pair != null) {
            LOG.info("replication pair: this broker is the " + pair.role().name().toLowerCase() + ", its peer "
                    + pair.peerUrl() + "; they log in to each other as " + pair.login().describe());
        }
        broker.start();
        ActiveMQServer server = broker.getActiveMQServer();
        say("Ledgerline broker journal: " + journal.describe(server.getConfiguration().getJournalType()));
        return pair == null ? runAlone(broker, server, data) : runInPair(broker, server, data, pair);
    }

    private int runAlone(EmbeddedActiveMQ broker, ActiveMQServer server, Path data) throws Exception {
        try {
            ReadinessProbe.verifyReady(server, BrokerConfigurationFactory.ACCEPTOR_NAME, host, port);
        } catch (ReadinessProbe.BrokerNotReadyException e) {
            System.err.println("Ledgerline broker is not usable: " + e.getMessage());
            broker.stop();
            return EXIT_NOT_READY;
        }

        // Whoever sets this first owns the ending: the shutdown hook (a requested stop) or the liveness loop.
        AtomicBoolean ending = new AtomicBoolean();
        CountDownLatch stopped = stopOnShutdown(broker, ending);

        say("Ledgerline broker ready on " + url() + " (data: " + data + ")");

        // The JVM's exit is driven by the shutdown hook; this loop only catches a broker that stopped by itself.
        while (!stopped.await(LIVENESS_CHECK_SECONDS, TimeUnit.SECONDS)) {
            if (!server.isStarted() && ending.compareAndSet(false, true)) {
                System.err.println("Ledgerline broker stopped by itself; see the log above for the cause.");
                return EXIT_STOPPED_BY_ITSELF;
            }
        }
        return 0;
    }

    /**
     * Follows the broker through its states in the pair, saying each change, until a stop is requested. A
     * backup's start returns while it is still passive, and either broker may become active, passive, or
     * (briefly) stopped later on, so readiness is checked at each activation rather than once.
     */
    private int runInPair(EmbeddedActiveMQ broker, ActiveMQServer server, Path data, ReplicationPair pair)
            throws Exception {
        AtomicBoolean ending = new AtomicBoolean();
        CountDownLatch stopped = stopOnShutdown(broker, ending);
        PairStateLines lines = new PairStateLines(url(), data, pair);
        Instant stoppedSince = null;
        do {
            PairState state = PairState.of(server);
            if (lines.isActivation(state)) {
                try {
                    ReadinessProbe.verifyReady(server, BrokerConfigurationFactory.ACCEPTOR_NAME, host, port);
                } catch (ReadinessProbe.BrokerNotReadyException e) {
                    if (ending.compareAndSet(false, true)) {
                        System.err.println("Ledgerline broker is not usable: " + e.getMessage());
                        broker.stop();
                        return EXIT_NOT_READY;
                    }
                    continue; // a stop was requested meanwhile: the shutdown hook owns the ending
                }
            }
            lines.linesFor(state).forEach(LedgerBroker::say);

            if (state != PairState.STOPPED) {
                stoppedSince = null;
            } else if (stoppedSince == null) {
                stoppedSince = Instant.now();
            }
            if (stoppedSince != null && Duration.between(stoppedSince, Instant.now()).compareTo(PAIR_RESTART_GRACE) > 0
                    && ending.compareAndSet(false, true)) {
                System.err.println("Ledgerline broker stopped by itself; see the log above for the cause.");
                return EXIT_STOPPED_BY_ITSELF;
            }
        } while (!stopped.await(PAIR_CHECK_MILLIS, TimeUnit.MILLISECONDS));
        return 0;
    }

    /**
     * Stops the broker when the JVM is told to stop (SIGTERM, Ctrl-C), unless the broker's ending is already
     * owned by the caller ({@code ending} set); the latch opens once the hook has run.
     */
    private static CountDownLatch stopOnShutdown(EmbeddedActiveMQ broker, AtomicBoolean ending) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ending.compareAndSet(false, true)) {
                stopAndReport(broker);
            }
            stopped.countDown();
        }, "ledgerline-broker-shutdown"));
        return stopped;
    }

    /** The lines supervisors and tests wait for: on stdout, flushed at once. */
    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private String url() {
        return BrokerUrl.of(host, port);
    }

    /** @return this broker's side of the pair, or null for a broker on its own */
    private ReplicationPair replicationPair() {
        if (!role.inPair()) {
            if (peerPort != null) {
                throw new ParameterException(spec.commandLine(),
                        "--peer-port names the other broker of a pair: add --role primary or --role backup");
            }
            return null;
        }
        if (peerPort == null) {
            throw new ParameterException(spec.commandLine(),
                    "--role " + role.name().toLowerCase() + " needs --peer-port, the port of the other broker of the pair");
        }
        try {
            return new ReplicationPair(role, host, port, peerHost, peerPort, ClusterLogin.fromEnvironment());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private RedeliveryPolicy redeliveryPolicy() {
        try {
            return new RedeliveryPolicy(maxDeliveryAttempts, redeliveryDelayMillis, redeliveryMultiplier,
                    maxRedeliveryDelayMillis);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * Runs inside the shutdown hook, where JUL may already have been reset by its own hook: the outcome goes
     * straight to stderr so that a drill's log shows whether the stop was clean.
     */
    private static void stopAndReport(EmbeddedActiveMQ broker) {
        try {
            broker.stop();
            System.err.println("Ledgerline broker stopped");
        } catch (Exception e) {
            // Nothing more can be done during JVM shutdown; the journal is recovered on the next start.
            System.err.println("Ledgerline broker did not stop cleanly: " + e);
            e.printStackTrace();
        }
    }
}
