package dev.ledgerline.it;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.ledgerline.testkit.BrokerProcess;
import dev.ledgerline.testkit.LibertyServer;

/**
 * Starts this test run's Artemis broker, in its own process, once per test JVM and before anything else:
 * registered ahead of the Arquillian extension, it runs before Arquillian starts Liberty, whose resource
 * adapter connects to it. The run's data directory is wiped first, so every run starts from an empty ledger
 * and an empty journal. JUnit closes the broker (by PID) when the last test of the run has finished.
 */
public class LedgerBrokerExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningBroker.class, key -> RunningBroker.start(), RunningBroker.class);
    }

    /** The broker as a resource of the whole run. */
    static final class RunningBroker implements ExtensionContext.Store.CloseableResource {

        private final BrokerProcess broker;

        private RunningBroker(BrokerProcess broker) {
            this.broker = broker;
        }

        static RunningBroker start() {
            try {
                Path data = IntegrationSettings.dataDir();
                LibertyServer.deleteTree(data);
                return new RunningBroker(BrokerProcess.start(data.resolve("broker"), IntegrationSettings.brokerPort()));
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test broker: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            broker.close();
        }
    }
}
