package dev.ledgerline.ledger.apply;

import java.util.UUID;

/**
 * The work of one transfer in a batch applied in one transaction failed ({@link LockingTransferApplier#applyAll}):
 * the whole transaction must roll back, and this names the transfer to blame, so the failure is noted against
 * its message and not its batch-mates'. The cause is what applying that transfer alone would have thrown.
 */
public class BatchMemberFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final UUID transferId;

    public BatchMemberFailedException(UUID transferId, Throwable cause) {
        super("transfer " + transferId + " failed in its batch: " + cause, cause);
        this.transferId = transferId;
    }

    public UUID transferId() {
        return transferId;
    }
}
