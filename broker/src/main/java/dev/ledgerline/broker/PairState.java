package dev.ledgerline.broker;

import org.apache.activemq.artemis.core.server.ActiveMQServer;

/**
 * Where a broker of a replication pair stands, as far as its clients and its peer are concerned. Either broker
 * goes through several of these in one run: a backup is passive, then active once its primary has failed,
 * then passive again once the primary has taken its role back.
 */
enum PairState {

    /** Serving clients; no backup has a synchronized copy of its journal: a crash now would stop the service. */
    ACTIVE_WITHOUT_REPLICA,
    /** Serving clients; the peer holds a synchronized copy and receives every durable write before it is answered. */
    ACTIVE_REPLICATED,
    /** Not serving clients yet: has taken the role over, and is loading its journal before it opens its port. */
    ACTIVATING,
    /** Not serving clients: looking for the active broker, or copying its journal. */
    PASSIVE,
    /** Not serving clients: its copy of the active broker's journal is complete and kept up to date. */
    PASSIVE_SYNCHRONIZED,
    /**
     * Not running. A passing state when a backup hands the role back to its primary (it stops and starts
     * again as the passive backup, in the same process); the end when it lasts.
     */
    STOPPED;

    static PairState of(ActiveMQServer server) {
        if (!server.isStarted()) {
            return STOPPED;
        }
        if (server.isActive()) {
            return server.isReplicaSync() ? ACTIVE_REPLICATED : ACTIVE_WITHOUT_REPLICA;
        }
        // Artemis gives a backup that takes over the primary's policy before it loads the journal and activates.
        if (!server.getHAPolicy().isBackup()) {
            return ACTIVATING;
        }
        return server.isReplicaSync() ? PASSIVE_SYNCHRONIZED : PASSIVE;
    }

    boolean isActive() {
        return this == ACTIVE_WITHOUT_REPLICA || this == ACTIVE_REPLICATED;
    }
}
