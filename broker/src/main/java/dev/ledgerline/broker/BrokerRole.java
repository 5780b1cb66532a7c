package dev.ledgerline.broker;

/** What this broker is: alone, or one of the two brokers of a replication pair ({@link ReplicationPair}). */
enum BrokerRole {

    /** One broker, no backup: the Quick start's and the tests' broker. */
    STANDALONE,
    /** Serves the clients while it runs; replicates every durable write to its backup. */
    PRIMARY,
    /** Keeps a copy of the primary's journal, passive, and takes over when the primary fails. */
    BACKUP;

    boolean inPair() {
        return this != STANDALONE;
    }
}
