package dev.ledgerline.worker;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;

import dev.ledgerline.ledger.messaging.BrokerUser;

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

    @Option(names = "--broker-user", description = "Broker user (default ledgerline-worker, the broker's user for the worker).")
    String brokerUser;

    /*
     * From the environment by default, like the database's, so that the password need not appear in the
     * process list; BrokerUser reads the variable and falls back to the DEMO DEFAULT the broker uses too.
     */
    @Option(names = "--broker-password",
            description = "Broker password (default: environment variable LEDGERLINE_BROKER_WORKER_PASSWORD, else "
                    + "the worker user's demo default). Prefer the variable: a command line is visible to every user.")
    String brokerPassword;

    LedgerDatabase database() {
        return LedgerDatabase.open(dbUrl, dbUser, dbPassword);
    }

    /** A factory logged in as the worker, for plain (non-XA) sends such as the preload's. */
    ActiveMQConnectionFactory brokerFactory() {
        return new ActiveMQConnectionFactory(brokerUrl, brokerUserName(), brokerPassword());
    }

    /** A factory logged in as the worker, for the consumers' XA sessions and the recovery scans. */
    ActiveMQXAConnectionFactory xaBrokerFactory() {
        return new ActiveMQXAConnectionFactory(brokerUrl, brokerUserName(), brokerPassword());
    }

    String brokerUserName() {
        return brokerUser != null ? brokerUser : BrokerUser.WORKER.userName();
    }

    private String brokerPassword() {
        return brokerPassword != null ? brokerPassword : BrokerUser.WORKER.password();
    }
}
