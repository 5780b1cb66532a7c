package dev.ledgerline.broker;

import java.util.List;

import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.HAPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;

import dev.ledgerline.ledger.messaging.BrokerUrl;

/**
 * This broker's side of a primary/backup pair with Artemis's replication HA policy, configured in code like the
 * rest of the broker. Each broker keeps its own journal on its own disk; the primary sends every durable write
 * to the backup over the network and answers its client only once the backup has it, so nothing committed is
 * lost when the primary dies, and no file system is shared between the hosts (a shared store would need one,
 * and a journal on it is the single thing both depend on).
 *
 * <p>The Artemis names: the primary's policy is {@link ReplicatedPolicyConfiguration} ({@code <replication>
 * <primary>} in broker.xml), the backup's {@link ReplicaPolicyConfiguration} ({@code <replication><backup>}).
 * These are the "quorum voting" kind; Artemis's other replication policies (ReplicationPrimary/Backup
 * PolicyConfiguration) need a lock manager such as ZooKeeper, which a pair on its own does not have.
 *
 * <ul>
 *   <li>The brokers find each other through a cluster connection with a static connector to the peer, no
 *       discovery (no UDP broadcast): the backup announces itself over it and replicates through it.</li>
 *   <li>The cluster connection moves no messages ({@link MessageLoadBalancingType#OFF}): only one broker of
 *       the pair is active at a time, so there is nothing to balance.</li>
 *   <li>Fail-back: the primary checks at start whether a broker with its identity is already active (its backup,
 *       having taken over); if so it starts passive, copies the backup's journal, and then asks the backup to
 *       hand the role back ({@code check-for-active-server}). The backup agrees ({@code allow-failback}) and
 *       starts again as the passive backup.</li>
 * </ul>
 *
 * <p>With two brokers and quorum voting, the backup cannot tell a dead primary from a network between them that
 * failed: both would be active (split brain). See docs/configuration.md, "Broker pair".
 */
final class ReplicationPair {

    /** The cluster connection's name; both HA policies name it, so that a second one could never be picked. */
    static final String CLUSTER_NAME = "ledgerline-pair";
    private static final String SELF_CONNECTOR = "self";
    private static final String PEER_CONNECTOR = "peer";

    private final BrokerRole role;
    private final String selfUrl;
    private final String peerUrl;
    private final ClusterLogin login;

    /**
     * @param role primary or backup
     * @throws IllegalArgumentException if the role is standalone, or the peer is this broker
     */
    ReplicationPair(BrokerRole role, String selfHost, int selfPort, String peerHost, int peerPort,
                    ClusterLogin login) {
        if (!role.inPair()) {
            throw new IllegalArgumentException("a replication pair has a primary and a backup, not a " + role);
        }
        this.role = role;
        this.selfUrl = BrokerUrl.of(selfHost, selfPort);
        this.peerUrl = BrokerUrl.of(peerHost, peerPort);
        if (selfUrl.equals(peerUrl)) {
            throw new IllegalArgumentException("the peer is this broker itself: " + peerUrl);
        }
        this.login = login;
    }

    BrokerRole role() {
        return role;
    }

    /** The other broker's URL, as its acceptor listens. */
    String peerUrl() {
        return peerUrl;
    }

    ClusterLogin login() {
        return login;
    }

    /** Adds the connectors, the cluster connection, the cluster login and this broker's HA policy. */
    void applyTo(Configuration config) throws Exception {
        config.setClusterUser(login.user());
        config.setClusterPassword(login.password());
        // How the peer reaches this broker (announced over the cluster connection), and how this one reaches it.
        config.addConnectorConfiguration(SELF_CONNECTOR, selfUrl);
        config.addConnectorConfiguration(PEER_CONNECTOR, peerUrl);
        config.addClusterConfiguration(new ClusterConnectionConfiguration()
                .setName(CLUSTER_NAME)
                .setConnectorName(SELF_CONNECTOR)
                .setStaticConnectors(List.of(PEER_CONNECTOR))
                .setMessageLoadBalancingType(MessageLoadBalancingType.OFF)
                // Keep looking for the peer for as long as this broker runs: either may start first.
                .setReconnectAttempts(-1));
        config.setHAPolicyConfiguration(haPolicy());
    }

    private HAPolicyConfiguration haPolicy() {
        if (role == BrokerRole.PRIMARY) {
            // Without this check a restarted primary would serve its old journal beside the active backup:
            // messages the backup has since delivered would be delivered again.
            return new ReplicatedPolicyConfiguration()
                    .setClusterName(CLUSTER_NAME)
                    .setCheckForActiveServer(true);
        }
        return new ReplicaPolicyConfiguration()
                .setClusterName(CLUSTER_NAME)
                .setAllowFailBack(true);
    }
}
