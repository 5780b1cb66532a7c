package dev.ledgerline.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.messaging.BrokerUser;
import dev.ledgerline.ledger.messaging.TransferQueue;

/**
 * What the broker's security is made of, without a broker: a password set in the environment replaces the
 * demo default for that user alone, and the grants name the Ledgerline addresses and the management address
 * only. testkit's BrokerSecurityTest checks the same against the running broker.
 */
class BrokerSecurityTest {

    @Test
    void aPasswordFromTheEnvironmentReplacesTheDemoDefault() throws Exception {
        ActiveMQJAASSecurityManager manager = BrokerSecurity.fromEnvironment(
                Map.of(BrokerUser.SERVER.passwordVariable(), "set-by-the-operator")).securityManager();

        assertThat(manager.authenticate(BrokerUser.SERVER.userName(), "set-by-the-operator", null, null)).isNotNull();
        assertThat(manager.authenticate(BrokerUser.SERVER.userName(), BrokerUser.SERVER.demoPassword(), null, null))
                .isNull();
        // The others keep their demo defaults.
        assertThat(manager.authenticate(BrokerUser.WORKER.userName(), BrokerUser.WORKER.demoPassword(), null, null))
                .isNotNull();
    }

    @Test
    void nobodyLogsInWithoutAPassword() throws Exception {
        ActiveMQJAASSecurityManager manager = BrokerSecurity.fromEnvironment(Map.of()).securityManager();

        assertThat(manager.authenticate(null, null, null, null)).isNull();
        assertThat(manager.authenticate(BrokerUser.TOOLS.userName(), null, null, null)).isNull();
        assertThat(manager.authenticate("guest", "guest", null, null)).isNull();
    }

    @Test
    void grantsNameTheLedgerlineAddressesAndManagementOnly() {
        Configuration config = new ConfigurationImpl();
        BrokerSecurity.fromEnvironment(Map.of()).applyTo(config);

        assertThat(config.isSecurityEnabled()).isTrue();
        assertThat(config.getSecurityRoles()).doesNotContainKey("#");
        for (TransferQueue queue : TransferQueue.values()) {
            assertThat(config.getSecurityRoles()).containsKeys(queue.address(), queue.deadLetterAddress());
        }
        assertThat(config.getSecurityRoles().keySet()).hasSize(2 * TransferQueue.values().length + 2)
                .contains("activemq.management", "activemq.management.#");
    }
}
