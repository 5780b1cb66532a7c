package dev.ledgerline.server.config;

/**
 * The JNDI names of the server resources the ledger uses, defined in server.xml. One place, so that the
 * server configuration and the code cannot drift apart silently. The broker addresses behind the queues are
 * {@link dev.ledgerline.ledger.messaging.TransferQueue}'s.
 */
public final class LedgerResources {

    /** The ledger database, an XA data source: its connections enlist in the server's XA transactions. */
    public static final String DATA_SOURCE = "jdbc/ledger";
    /** The same database through a non-XA data source: local transactions only, for the idempotent design. */
    public static final String LOCAL_DATA_SOURCE = "jdbc/ledgerLocal";
    /** Artemis through its resource adapter: connections enlist in the server's XA transactions. */
    public static final String XA_CONNECTION_FACTORY = "jms/xaConnectionFactory";
    /** Queue {@code transfers.xa}: one message per transfer submitted in XA mode. */
    public static final String XA_QUEUE = "jms/transfersXa";
    /** Queue {@code transfers.xa.dlq}: where the broker moves an XA message after its last failed delivery. */
    public static final String XA_DEAD_LETTER_QUEUE = "jms/transfersXaDeadLetters";

    /**
     * Artemis through its resource adapter, for the outbox relay only: outside any XA transaction, with local
     * (broker-only) session transactions allowed, so that one commit puts a whole batch on the broker.
     */
    public static final String RELAY_CONNECTION_FACTORY = "jms/relayConnectionFactory";

    /**
     * Artemis through its resource adapter, for the idempotent design's consumers: outside any XA transaction,
     * with local (broker-only) session transactions allowed, so that one broker commit, after the database's,
     * acknowledges a whole batch.
     */
    public static final String IDEMPOTENT_CONNECTION_FACTORY = "jms/idempotentConnectionFactory";

    /**
     * Artemis through its resource adapter, for the unsafe consumers: outside any XA transaction, with local
     * (broker-only) session transactions allowed, so that committing the session acknowledges a message at
     * a point the consumer chooses.
     */
    public static final String UNSAFE_CONNECTION_FACTORY = "jms/unsafeConnectionFactory";

    private LedgerResources() {
    }
}
