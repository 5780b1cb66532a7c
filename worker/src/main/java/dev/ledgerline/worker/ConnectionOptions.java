package dev.ledgerline.worker;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;

import dev.ledgerline.ledger.messaging.BrokerUrl;
import dev.ledgerline.ledger.messaging.BrokerUser;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the ledger database and the broker are: the options every subcommand shares. */
final class ConnectionOptions {

    /** The subcommand this mixin is part of, for errors that name its command line. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

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
            description = "Core URL of the Artemis broker, or of the primary of a replication pair "
                    + "(default ${DEFAULT-VALUE}).")
    String brokerUrl;

    @Option(names = "--broker-backup-url",
            description = "Core URL of the backup of the replication pair whose primary is --broker-url, e.g. "
                    + "tcp://127.0.0.1:61617: the worker then fails over to whichever of the two is active. "
                    + "Both URLs are then plain tcp://host:port. Default: none, one broker.")
    String brokerBackupUrl;

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
        return new ActiveMQConnectionFactory(brokerConnectionUrl(), brokerUserName(), brokerPassword());
    }

    /** A factory logged in as the worker, for the consumers' XA sessions and the recovery scans. */
    ActiveMQXAConnectionFactory xaBrokerFactory() {
        return new ActiveMQXAConnectionFactory(brokerConnectionUrl(), brokerUserName(), brokerPassword());
    }

    /**
     * The URL the factories connect with: the broker's, or the pair's with its failover settings.
     *
     * @throws ParameterException if a backup is given and either URL is more than tcp://host:port
     */
    String brokerConnectionUrl() {
        if (brokerBackupUrl == null) {
            return brokerUrl;
        }
        try {
            return BrokerUrl.failover(brokerUrl, brokerBackupUrl);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--broker-url and --broker-backup-url: " + e.getMessage(), e);
        }
    }

    String brokerUserName() {
        return brokerUser != null ? brokerUser : BrokerUser.WORKER.userName();
    }

    private String brokerPassword() {
        return brokerPassword != null ? brokerPassword : BrokerUser.WORKER.password();
    }
}
