package dev.ledgerline.ledger.apply;

import java.util.UUID;

/**
 * Applying a transfer without row locks found that another transaction changed a row after it was read.
 * Nothing is wrong with the transfer: the caller rolls back and applies it again from a fresh read.
 */
public abstract sealed class ApplyConflictException extends RuntimeException
        permits VersionConflictException, StatusConflictException {

    private static final long serialVersionUID = 1L;

    private final UUID transferId;

    protected ApplyConflictException(UUID transferId, String message) {
        super(message);
        this.transferId = transferId;
    }

    public UUID transferId() {
        return transferId;
    }
}
