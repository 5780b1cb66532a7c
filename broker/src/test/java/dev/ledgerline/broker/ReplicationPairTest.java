package dev.ledgerline.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.messaging.RedeliveryPolicy;
import dev.ledgerline.ledger.messaging.TransferQueue;

/**
 * What the two sides of a replication pair are configured with, without a broker; testkit's
 * BrokerPairFailoverTest checks that it fails over and back with real processes.
 */
class ReplicationPairTest {

    private static final RedeliveryPolicy REDELIVERY = new RedeliveryPolicy(
            TransferQueue.DEFAULT_MAX_DELIVERY_ATTEMPTS, TransferQueue.DEFAULT_REDELIVERY_DELAY_MILLIS,
            TransferQueue.DEFAULT_REDELIVERY_MULTIPLIER, TransferQueue.DEFAULT_MAX_REDELIVERY_DELAY_MILLIS);
    private static final JournalTuning JOURNAL = new JournalTuning(JournalType.NIO, 1_000_000, false);
    private static final ClusterLogin DEMO_LOGIN = ClusterLogin.fromEnvironment(Map.of());

    @Test
    void thePrimaryReplicatesAndChecksForAnActiveBackupBeforeItActivates() throws Exception {
        Configuration config = configure(BrokerRole.PRIMARY);

        assertThat(config.getHAPolicyConfiguration()).isInstanceOfSatisfying(ReplicatedPolicyConfiguration.class,
                primary -> {
                    assertThat(primary.isCheckForActiveServer()).isTrue();
                    assertThat(primary.getClusterName()).isEqualTo(ReplicationPair.CLUSTER_NAME);
                });
    }

    @Test
    void theBackupReplicatesAndHandsTheRoleBack() throws Exception {
        Configuration config = configure(BrokerRole.BACKUP);

        assertThat(config.getHAPolicyConfiguration()).isInstanceOfSatisfying(ReplicaPolicyConfiguration.class,
                backup -> {
                    assertThat(backup.isAllowFailBack()).isTrue();
                    assertThat(backup.getClusterName()).isEqualTo(ReplicationPair.CLUSTER_NAME);
                });
    }

    @Test
    void theBrokersFindEachOtherThroughAStaticConnectorAndMoveNoMessages() throws Exception {
        Configuration config = configure(BrokerRole.PRIMARY);

        assertThat(config.getClusterConfigurations()).singleElement().satisfies(cluster -> {
            assertThat(cluster.getName()).isEqualTo(ReplicationPair.CLUSTER_NAME);
            assertThat(cluster.getDiscoveryGroupName()).as("no UDP discovery").isNull();
            assertThat(cluster.getStaticConnectors()).singleElement()
                    .satisfies(peer -> assertThat(config.getConnectorConfigurations().get(peer).getParams())
                            .containsEntry("host", "127.0.0.1").containsEntry("port", "61617"));
            assertThat(config.getConnectorConfigurations().get(cluster.getConnectorName()).getParams())
                    .containsEntry("port", "61616");
            assertThat(cluster.getMessageLoadBalancingType()).isEqualTo(MessageLoadBalancingType.OFF);
        });
    }

    @Test
    void aBrokerOnItsOwnHasNoClusterAndKeepsArtemisDefaultHaPolicy() throws Exception {
        Configuration config = BrokerConfigurationFactory.create(Path.of("data"), "127.0.0.1", 61616, REDELIVERY,
                BrokerSecurity.fromEnvironment(Map.of()), null, JOURNAL);

        assertThat(config.getClusterConfigurations()).isEmpty();
        // Unset: Artemis's default, a broker with no backup (primary-only).
        assertThat(config.getHAPolicyConfiguration()).isNull();
    }

    @Test
    void theBrokersLogInToEachOtherWithTheClusterPasswordFromTheEnvironment() throws Exception {
        ReplicationPair pair = new ReplicationPair(BrokerRole.BACKUP, "127.0.0.1", 61617, "127.0.0.1", 61616,
                ClusterLogin.fromEnvironment(Map.of(ClusterLogin.PASSWORD_VARIABLE, "set-by-the-operator")));
        Configuration config = BrokerConfigurationFactory.create(Path.of("data"), "127.0.0.1", 61617, REDELIVERY,
                BrokerSecurity.fromEnvironment(Map.of()), pair, JOURNAL);

        assertThat(config.getClusterUser()).isEqualTo(ClusterLogin.USER);
        assertThat(config.getClusterPassword()).isEqualTo("set-by-the-operator");
        // Empty counts as unset, as for the clients' users; the demo default is never Artemis's own default.
        assertThat(ClusterLogin.fromEnvironment(Map.of(ClusterLogin.PASSWORD_VARIABLE, "")).password())
                .isEqualTo(ClusterLogin.DEMO_PASSWORD);
        assertThat(DEMO_LOGIN.toString()).doesNotContain(ClusterLogin.DEMO_PASSWORD);
    }

    @Test
    void refusesAPairOfOneBrokerAndAStandaloneRole() {
        assertThatThrownBy(() -> new ReplicationPair(BrokerRole.PRIMARY, "127.0.0.1", 61616, "127.0.0.1", 61616,
                DEMO_LOGIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the peer is this broker itself: tcp://127.0.0.1:61616");
        assertThatThrownBy(() -> new ReplicationPair(BrokerRole.STANDALONE, "127.0.0.1", 61616, "127.0.0.1", 61617,
                DEMO_LOGIN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Configuration configure(BrokerRole role) throws Exception {
        ReplicationPair pair = new ReplicationPair(role, "127.0.0.1", 61616, "127.0.0.1", 61617, DEMO_LOGIN);
        return BrokerConfigurationFactory.create(Path.of("data"), "127.0.0.1", 61616, REDELIVERY,
                BrokerSecurity.fromEnvironment(Map.of()), pair, JOURNAL);
    }
}
