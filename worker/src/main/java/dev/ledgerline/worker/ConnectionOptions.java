package dev.ledgerline.worker;

import picocli.CommandLine.Option;

/** Where the ledger database and the broker are: the options every subcommand shares. */
final class ConnectionOptions {

    @Option(names = "--db-url", required = true,
            description = "JDBC URL of the ledger database, e.g. jdbc:h2:file:/var/ledgerline/ledger;WRITE_DELAY=0 "
                    + "or jdbc:postgresql://127.0.0.1:5432/ledger.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "ledgerline",
            description = "Database user (default ${DEFAULT-VALUE}, as in server.xml).")
    String dbUser;

    /** From the environment by default, so that the password need not appear in the process list. */
    @Option(names = "--db-password", defaultValue = "${env:LEDGERLINE_DB_PASSWORD:-}",
            description = "Database password (default: environment variable LEDGERLINE_DB_PASSWORD, else empty).")
    String dbPassword;

    @Option(names = "--broker-url", defaultValue = "tcp://127.0.0.1:61616",
            description = "Core URL of the Artemis broker (default ${DEFAULT-VALUE}).")
    String brokerUrl;

    LedgerDatabase database() {
        return LedgerDatabase.open(dbUrl, dbUser, dbPassword);
    }
}
