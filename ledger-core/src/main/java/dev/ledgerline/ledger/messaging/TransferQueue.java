package dev.ledgerline.ledger.messaging;

/**
 * The broker's transfer queues, each alone on an anycast address of the same name with a dead-letter queue
 * beside it, and the one redelivery policy they share by default. The one place these names and numbers are
 * written in Java: the broker creates the queues from here, and the server, the worker and the tests send to
 * and read from them by these constants. server.xml must repeat the addresses (its queue bindings); a test of
 * ledger-ejb fails when it disagrees with this type.
 *
 * <p>Every transfer queue redelivers alike, so that the XA and the idempotent designs are compared under the
 * same failure behaviour. The defaults: {@value #DEFAULT_MAX_DELIVERY_ATTEMPTS} deliveries, waits of 1, 2, 4,
 * 8, 10, 10, 10 s (about 45 s). Sized for crashes, not only for poison: a message whose transfer waits on row
 * locks that a crashed coordinator's prepared branch holds until recovery presumes abort (20 s and more in
 * the worker) must not be dead-lettered before recovery has run. A poison message still reaches its
 * dead-letter queue, under a minute later.
 */
public enum TransferQueue {

    /** One message per transfer submitted in XA mode, sent in the submission's XA transaction. */
    XA("transfers.xa"),
    /** One message per transfer of the idempotent design, published by the outbox relay. */
    IDEMPOTENT("transfers.idempotent"),
    /** The unsafe demonstration modes, published by the outbox relay; consumed only where they are enabled. */
    UNSAFE("transfers.unsafe");

    /** Deliveries before the broker moves a message to its queue's dead-letter queue. */
    public static final int DEFAULT_MAX_DELIVERY_ATTEMPTS = 8;
    /** Wait before the first redelivery. */
    public static final long DEFAULT_REDELIVERY_DELAY_MILLIS = 1000;
    /** Factor applied to the wait after each further failure. */
    public static final double DEFAULT_REDELIVERY_MULTIPLIER = 2.0;
    /** Ceiling for the growing wait. */
    public static final long DEFAULT_MAX_REDELIVERY_DELAY_MILLIS = 10_000;

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private final String address;

    TransferQueue(String address) {
        this.address = address;
    }

    /** The queue's name, which is also its address's, e.g. {@code transfers.xa}. */
    public String address() {
        return address;
    }

    /** Where the broker moves a message after its last failed delivery, e.g. {@code transfers.xa.dlq}. */
    public String deadLetterAddress() {
        return address + DEAD_LETTER_SUFFIX;
    }
}
