package dev.ledgerline.ledger.apply;

import java.util.UUID;

/**
 * The transfer left QUEUED between reading it and finishing it: another delivery finished it first. The
 * retry reads it final and changes nothing.
 */
public final class StatusConflictException extends ApplyConflictException {

    private static final long serialVersionUID = 1L;

    public StatusConflictException(UUID transferId) {
        super(transferId, "transfer " + transferId + " was finished by another transaction while it was being applied");
    }
}
