package dev.ledgerline.ledger.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which design carries a transfer: one of the two the application compares, or one of the two unsafe
 * controls that exist only to show what those designs prevent. The wire name is what clients send and read.
 */
public enum TransferMode {
    /** Two-phase commit: the database work and the message acknowledgement commit together. */
    XA("xa"),
    /** No XA: local transactions, a transactional outbox, versioned updates and a processed-message record. */
    IDEMPOTENT("idempotent"),
    /**
     * UNSAFE, a demonstration control: the consumer acknowledges the message before it applies the transfer,
     * so a crash in between loses the transfer (it stays QUEUED). Off unless the server enables unsafe modes.
     */
    AT_MOST_ONCE("at-most-once", true),
    /**
     * UNSAFE, a demonstration control: the consumer applies, commits and then acknowledges, with no
     * processed-message record and no status or version condition, so a redelivery after the commit moves
     * the balances a second time. Off unless the server enables unsafe modes.
     */
    AT_LEAST_ONCE_NAIVE("at-least-once-naive", true);

    private final String wireName;
    private final boolean unsafe;

    TransferMode(String wireName) {
        this(wireName, false);
    }

    TransferMode(String wireName, boolean unsafe) {
        this.wireName = wireName;
        this.unsafe = unsafe;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * Whether this mode exists only to show how money is lost or duplicated: the crash drills use it to prove
     * that the invariant checker can fail. Never for real transfers.
     */
    public boolean isUnsafe() {
        return unsafe;
    }

    public static Optional<TransferMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
