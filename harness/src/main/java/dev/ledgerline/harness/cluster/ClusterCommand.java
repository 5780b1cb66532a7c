package dev.ledgerline.harness.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.ledgerline.harness.Installation;
import dev.ledgerline.harness.database.DatabaseUnderTest;
import dev.ledgerline.testkit.BrokerPair;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code bin/ledgerline run --cluster}: PostgreSQL, a broker pair, several Liberty servers, Narayana workers and
 * HAProxy in front, each a process of its own on 127.0.0.1, until Ctrl-C; then each is stopped by PID, the
 * load balancer first and the database last. The data stay in the data directory for the next run.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs Ledgerline as a cluster on this machine until Ctrl-C.")
public final class ClusterCommand implements Callable<Integer> {

    @Option(names = "--project-root", required = true, description = "This checkout, built.")
    private Path projectRoot;

    @Option(names = "--data-dir", required = true, description = "Where every part keeps its data.")
    private Path dataDir;

    @Option(names = "--servers", defaultValue = "2", description = "Liberty servers (default ${DEFAULT-VALUE}).")
    private int servers;

    @Option(names = "--workers", defaultValue = "1", description = "Narayana workers (default ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--worker-consumers", defaultValue = "2",
            description = "XA consumer threads per worker (default ${DEFAULT-VALUE}).")
    private int workerConsumers;

    @Option(names = "--http-port", defaultValue = "9080",
            description = "The load balancer's HTTP port; server i listens on this + i (default ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--https-port", defaultValue = "9443",
            description = "The load balancer's HTTPS port; server i listens on this + i (default ${DEFAULT-VALUE}).")
    private int httpsPort;

    @Option(names = "--broker-port", defaultValue = "61616",
            description = "The primary broker; its backup listens on this + 1 (default ${DEFAULT-VALUE}).")
    private int brokerPort;

    @Option(names = "--db-port", defaultValue = "25432", description = "PostgreSQL (default ${DEFAULT-VALUE}).")
    private int dbPort;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (servers < 1 || workers < 0 || workerConsumers < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--servers must be at least 1, --workers at least 0, --worker-consumers at least 1");
        }
        Installation installation = new Installation(projectRoot).useForChildProcesses();
        Path clusterDir = Files.createDirectories(dataDir.resolve("cluster"));
        ClusterLayout layout = ClusterLayout.beside(servers, workers, httpPort, httpsPort);
        // Ctrl-C (SIGINT) or SIGTERM ends the wait below, so that everything is stopped in order by this thread
        // rather than by shutdown hooks racing one another.
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("TERM"), s -> stop.countDown());

        say("starting PostgreSQL on 127.0.0.1:" + dbPort + " (data in " + clusterDir.resolve("postgres") + ")");
        try (DatabaseUnderTest db = DatabaseUnderTest.postgresql(clusterDir.resolve("postgres"), dbPort)) {
            say("starting the Artemis broker pair: primary on 127.0.0.1:" + brokerPort + ", backup on 127.0.0.1:"
                    + (brokerPort + 1));
            try (BrokerPair brokers = BrokerPair.start(clusterDir.resolve("broker"), brokerPort, brokerPort + 1)) {
                say("starting " + servers + " Liberty server(s), " + workers + " worker(s) and HAProxy ...");
                try (ClusterUnderTest cluster = ClusterUnderTest.prepare(installation, clusterDir, db,
                        BrokerAddress.of(brokers), layout, Map.of())) {
                    cluster.start(workerConsumers);
                    System.out.println(banner(layout, clusterDir));
                    stop.await();
                    say("stopping ...");
                }
            }
        }
        say("stopped; data kept in " + clusterDir);
        return 0;
    }

    private String banner(ClusterLayout layout, Path clusterDir) {
        StringBuilder parts = new StringBuilder();
        for (int i = 1; i <= layout.servers(); i++) {
            parts.append("\n      ").append(ClusterUnderTest.serverName(i)).append(": http://127.0.0.1:")
                    .append(layout.httpPort(i)).append("/  log ")
                    .append(clusterDir.resolve("server-" + i + "/liberty/ledgerline/logs/messages.log"));
        }
        for (int i = 1; i <= layout.workers(); i++) {
            parts.append("\n      ").append(ClusterUnderTest.workerName(i)).append(": health http://127.0.0.1:")
                    .append(layout.workerStatusPort(i)).append("/health");
        }
        return """

                  Ledgerline is running as a cluster.
                    Web UI:  https://localhost:%d/  (through HAProxy; a self-signed certificate)
                    API:     http://127.0.0.1:%d/api/accounts  (through HAProxy; curl -u olivia:olivia-demo ...)
                    Behind it:%s
                    Brokers: primary 127.0.0.1:%d, backup 127.0.0.1:%d (logs in %s)
                    Load balancer log: %s
                  Press Ctrl-C to stop.
                """.formatted(layout.loadBalancerHttpsPort(), layout.loadBalancerHttpPort(), parts, brokerPort,
                brokerPort + 1, clusterDir.resolve("broker"), clusterDir.resolve("load-balancer/haproxy.log"));
    }

    private static void say(String line) {
        System.out.println("ledgerline: " + line);
    }
}
