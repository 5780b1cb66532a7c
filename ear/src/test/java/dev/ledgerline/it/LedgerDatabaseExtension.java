package dev.ledgerline.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.ledgerline.testkit.PostgresServer;

/**
 * Starts this test run's PostgreSQL server (the default database), in its own process, once per test JVM: a
 * fresh cluster in the run's data directory on {@link IntegrationSettings#postgresPort()}, with the role,
 * password and database that {@link PostgresServer} creates, which the failsafe execution also gives Liberty.
 * Registered after {@link LedgerBrokerExtension} (which wipes the data directory first) and ahead of the
 * Arquillian extension, so the server is up before Liberty starts. A test that reads the ledger straight from
 * the database takes the server as a parameter. JUnit stops it (by PID) when the last test of the run has
 * finished.
 */
public class LedgerDatabaseExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context).server;
    }

    private static RunningDatabase running(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningDatabase.class, key -> RunningDatabase.start(), RunningDatabase.class);
    }

    /** The server as a resource of the whole run. */
    static final class RunningDatabase implements ExtensionContext.Store.CloseableResource {

        private final PostgresServer server;

        private RunningDatabase(PostgresServer server) {
            this.server = server;
        }

        static RunningDatabase start() {
            try {
                return new RunningDatabase(PostgresServer.start(IntegrationSettings.dataDir().resolve("postgres"),
                        IntegrationSettings.postgresPort()));
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test database: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
