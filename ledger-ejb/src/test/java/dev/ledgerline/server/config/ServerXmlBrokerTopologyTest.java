package dev.ledgerline.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import dev.ledgerline.ledger.messaging.BrokerUrl;

/**
 * How the server reaches its broker: one broker unless ledgerline.broker.topology says pair, and then with the
 * same failover settings as every other client of a pair ({@link BrokerUrl}), which server.xml cannot read and
 * so repeats.
 */
class ServerXmlBrokerTopologyTest {

    private static final String NETTY = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";

    @Test
    void byDefaultTheServerReachesOneBrokerWithTheClientsDefaults() throws Exception {
        assertThat(ServerXmlFiles.variableDefaults()).containsEntry("ledgerline.broker.topology", "single");

        Element single = ServerXmlFiles.adapterProperties("single");
        assertThat(single.getAttribute("connectorClassName")).isEqualTo(NETTY);
        assertThat(single.getAttribute("connectionParameters"))
                .isEqualTo("host=${ledgerline.broker.host};port=${ledgerline.broker.port}");
        // No failover settings: the adapter keeps the Artemis client's own (no HA, no reconnection).
        for (String failover : new String[] {"HA", "reconnectAttempts", "retryInterval", "retryIntervalMultiplier",
                "maxRetryInterval"}) {
            assertThat(single.hasAttribute(failover)).as(failover).isFalse();
        }
    }

    @Test
    void aPairListsThePrimaryThenTheBackupAndFailsOverAsEveryClientOfAPairDoes() throws Exception {
        Element pair = ServerXmlFiles.adapterProperties("pair");

        assertThat(pair.getAttribute("connectorClassName")).isEqualTo(NETTY + "," + NETTY);
        assertThat(pair.getAttribute("connectionParameters")).isEqualTo(
                "host=${ledgerline.broker.host};port=${ledgerline.broker.port},"
                        + "host=${ledgerline.broker.backup.host};port=${ledgerline.broker.backup.port}");
        assertThat(pair.getAttribute("HA")).isEqualTo("true");
        assertThat(Integer.parseInt(pair.getAttribute("reconnectAttempts"))).isEqualTo(BrokerUrl.RECONNECT_ATTEMPTS);
        assertThat(Long.parseLong(pair.getAttribute("retryInterval"))).isEqualTo(BrokerUrl.RETRY_INTERVAL_MILLIS);
        assertThat(Double.parseDouble(pair.getAttribute("retryIntervalMultiplier")))
                .isEqualTo(BrokerUrl.RETRY_INTERVAL_MULTIPLIER);
        assertThat(Long.parseLong(pair.getAttribute("maxRetryInterval"))).isEqualTo(BrokerUrl.MAX_RETRY_INTERVAL_MILLIS);
    }

    @Test
    void theBackupHasADefaultAddressBesideThePrimarys() throws Exception {
        assertThat(ServerXmlFiles.variableDefaults())
                .containsEntry("ledgerline.broker.backup.host", "127.0.0.1")
                .containsEntry("ledgerline.broker.backup.port", "61617");
    }
}
