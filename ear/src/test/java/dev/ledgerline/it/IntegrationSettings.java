package dev.ledgerline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.ledgerline.ledger.messaging.BrokerUrl;
import dev.ledgerline.testkit.LibertyServer;

/** Where the build put things and which ports it gave this test run (see the failsafe executions). */
final class IntegrationSettings {

    private IntegrationSettings() {
    }

    /** What the server Arquillian runs records on the transfers it ends: {@code ledgerline.process.name}'s default. */
    static final String PROCESS_NAME = "liberty/ledgerline";

    static int httpPort() {
        return Integer.getInteger("ledgerline.http.port", 9180);
    }

    static int httpsPort() {
        return Integer.getInteger("ledgerline.https.port", 9543);
    }

    static int brokerPort() {
        return Integer.getInteger("ledgerline.broker.port", 61716);
    }

    static String brokerUrl() {
        return BrokerUrl.of("127.0.0.1", brokerPort());
    }

    static int bytemanPort() {
        return Integer.getInteger("ledgerline.byteman.port", 19091);
    }

    /** The port of the PostgreSQL server that the tests on PostgreSQL start (never 5432: not a server of ours). */
    static int postgresPort() {
        return Integer.getInteger("ledgerline.postgres.port", 25432);
    }

    /** The directory this run's broker journal and H2 database live in; wiped when the run starts. */
    static Path dataDir() {
        return Path.of(required("ledgerline.it.data"));
    }

    /**
     * The server for a test that runs its own Liberty process (to kill it, or to start it with settings of its
     * own): this run's ports and data directory, with the EAR deployed; {@code settings} add to them, or replace
     * them (a broker pair's ports instead of this run's broker).
     *
     * @param consoleLog a file name in the data directory
     */
    static LibertyServer libertyServer(Map<String, String> settings, String consoleLog) throws IOException {
        Path data = Files.createDirectories(dataDir());
        Map<String, String> environment = new HashMap<>();
        environment.put("LEDGERLINE_HTTP_PORT", String.valueOf(httpPort()));
        environment.put("LEDGERLINE_HTTPS_PORT", String.valueOf(httpsPort()));
        environment.put("LEDGERLINE_BROKER_PORT", String.valueOf(brokerPort()));
        environment.put("LEDGERLINE_DATA_DIR", data.toString());
        // Logs, workarea and tranlog of its own: the server Arquillian ran keeps its logs for a post-mortem.
        environment.put("WLP_OUTPUT_DIR", data.resolve("liberty").toString());
        environment.putAll(settings);
        LibertyServer server = new LibertyServer(wlpHome(), environment, data.resolve(consoleLog));
        server.prepare(ear());
        return server;
    }

    static Path ear() {
        return Path.of(required("ledgerline.ear"));
    }

    static Path wlpHome() {
        return Path.of(required("ledgerline.wlp.home"));
    }

    static Path bytemanJar() {
        return Path.of(required("ledgerline.byteman.jar"));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests through Maven");
        }
        return value;
    }
}
