package dev.ledgerline.server.config;

/**
 * The JNDI names of the server resources the ledger uses, defined in server.xml. One place, so that the
 * server configuration and the code cannot drift apart silently.
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

    /** Queue {@code transfers.idempotent}: one message per transfer of the idempotent design, sent by the outbox relay. */
    public static final String IDEMPOTENT_QUEUE_NAME = "transfers.idempotent";
    /** JMS property carrying the key the idempotent consumer deduplicates on. */
    public static final String MESSAGE_KEY_PROPERTY = "ledgerlineMessageKey";
    /** JMS property carrying the transfer's mode (its wire name), set by the outbox relay on every message. */
    public static final String MODE_PROPERTY = "ledgerlineMode";

    /** Queue {@code transfers.unsafe}: the unsafe demonstration modes, sent by the outbox relay. */
    public static final String UNSAFE_QUEUE_NAME = "transfers.unsafe";
    /** Queue {@code transfers.unsafe.dlq}: where the broker moves an unsafe-mode message after its last failed delivery. */
    public static final String UNSAFE_DEAD_LETTER_QUEUE_NAME = "transfers.unsafe.dlq";
    /**
     * Artemis through its resource adapter, for the unsafe consumers: outside any XA transaction, with local
     * (broker-only) session transactions allowed, so that committing the session acknowledges a message at
     * a point the consumer chooses.
     */
    public static final String UNSAFE_CONNECTION_FACTORY = "jms/unsafeConnectionFactory";

    private LedgerResources() {
    }
}
