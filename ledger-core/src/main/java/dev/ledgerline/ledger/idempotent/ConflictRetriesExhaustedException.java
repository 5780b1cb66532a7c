package dev.ledgerline.ledger.idempotent;

import java.util.UUID;

/**
 * Every attempt to process a delivery rolled back on a conflict. Nothing was committed; the caller leaves
 * the message unacknowledged so that the broker delivers it again later, when the contention may be over.
 */
public class ConflictRetriesExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final UUID transferId;
    private final int attempts;

    public ConflictRetriesExhaustedException(UUID transferId, int attempts, Exception lastConflict) {
        super("transfer " + transferId + " conflicted on each of " + attempts + " attempts", lastConflict);
        this.transferId = transferId;
        this.attempts = attempts;
    }

    public UUID transferId() {
        return transferId;
    }

    public int attempts() {
        return attempts;
    }
}
