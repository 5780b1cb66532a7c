package dev.ledgerline.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

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
 * <p>Exit codes: 1 when the start failed with an exception; 2 for invalid options; 3 when the broker started
 * but is not active or not listening on its address; 4 when the broker stopped by itself (for example after a journal I/O
 * error), so that a supervisor notices instead of keeping a process without a broker. A stop by signal ends
 * with the JVM's usual status for that signal (143 for SIGTERM).
 */
@Command(name = "ledgerline-broker", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the persistent Artemis broker with the Ledgerline transfer queues.")
public final class LedgerBroker implements Callable<Integer> {

    static final int EXIT_NOT_READY = 3;
    static final int EXIT_STOPPED_BY_ITSELF = 4;

    private static final long LIVENESS_CHECK_SECONDS = 1;

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

    public static void main(String[] args) {
        BrokerLogging.configure();
        System.exit(new CommandLine(new LedgerBroker()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535, was " + port);
        }
        RedeliveryPolicy redelivery = redeliveryPolicy();
        Path data = Files.createDirectories(dataDir).toAbsolutePath();

        // Passwords from the environment (LEDGERLINE_BROKER_*_PASSWORD), demo defaults where unset.
        BrokerSecurity security = BrokerSecurity.fromEnvironment();
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ()
                .setConfiguration(BrokerConfigurationFactory.create(data, host, port, redelivery, security))
                .setSecurityManager(security.securityManager());
        security.logUsers();
        broker.start();
        ActiveMQServer server = broker.getActiveMQServer();
        try {
            ReadinessProbe.verifyReady(server, BrokerConfigurationFactory.ACCEPTOR_NAME, host, port);
        } catch (ReadinessProbe.BrokerNotReadyException e) {
            System.err.println("Ledgerline broker is not usable: " + e.getMessage());
            broker.stop();
            return EXIT_NOT_READY;
        }

        // Whoever sets this first owns the ending: the shutdown hook (a requested stop) or the liveness loop.
        AtomicBoolean ending = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ending.compareAndSet(false, true)) {
                stopAndReport(broker);
            }
            stopped.countDown();
        }, "ledgerline-broker-shutdown"));

        // The server computes its shortest allowed retention of processed-message records from these values.
        System.out.println("Ledgerline broker redelivery: " + redelivery.describe() + ", so up to "
                + redelivery.redeliveryWindow().toMillis() + " ms between a message's first and last delivery");
        System.out.println("Ledgerline broker ready on tcp://" + host + ":" + port + " (data: " + data + ")");
        System.out.flush();

        // The JVM's exit is driven by the shutdown hook; this loop only catches a broker that stopped by itself.
        while (!stopped.await(LIVENESS_CHECK_SECONDS, TimeUnit.SECONDS)) {
            if (!server.isStarted() && ending.compareAndSet(false, true)) {
                System.err.println("Ledgerline broker stopped by itself; see the log above for the cause.");
                return EXIT_STOPPED_BY_ITSELF;
            }
        }
        return 0;
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
