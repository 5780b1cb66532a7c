package dev.ledgerline.it;

import java.nio.file.Path;

/** Where the build put things and which ports it gave this test run (see the failsafe executions). */
final class IntegrationSettings {

    private IntegrationSettings() {
    }

    static int httpPort() {
        return Integer.getInteger("ledgerline.http.port", 9180);
    }

    static int brokerPort() {
        return Integer.getInteger("ledgerline.broker.port", 61716);
    }

    static String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort();
    }

    static int bytemanPort() {
        return Integer.getInteger("ledgerline.byteman.port", 19091);
    }

    /** The port of the PostgreSQL server that the tests on PostgreSQL start (never 5432: not a server of ours). */
    static int postgresPort() {
        return Integer.getInteger("ledgerline.postgres.port", 55432);
    }

    /** The directory this run's broker journal and H2 database live in; wiped when the run starts. */
    static Path dataDir() {
        return Path.of(required("ledgerline.it.data"));
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
