package dev.ledgerline.harness;

import dev.ledgerline.ledger.domain.TransferMode;

/**
 * The broker's transfer queues, as the broker module and server.xml name them: one per design, each with its
 * dead-letter queue under the same prefix.
 */
public final class TransferQueues {

    /** What every transfer queue's name starts with, dead-letter queues included. */
    public static final String PREFIX = "transfers.";
    public static final String XA = PREFIX + TransferMode.XA.wireName();
    public static final String IDEMPOTENT = PREFIX + TransferMode.IDEMPOTENT.wireName();

    private TransferQueues() {
    }
}
