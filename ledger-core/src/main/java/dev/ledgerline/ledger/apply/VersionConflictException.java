package dev.ledgerline.ledger.apply;

import java.util.UUID;

/** An account's balance changed (its version moved on) between reading it and updating it. */
public final class VersionConflictException extends ApplyConflictException {

    private static final long serialVersionUID = 1L;

    private final String accountId;
    private final long expectedVersion;

    public VersionConflictException(UUID transferId, String accountId, long expectedVersion) {
        super(transferId, "account " + accountId + " changed while transfer " + transferId
                + " was being applied: expected version " + expectedVersion);
        this.accountId = accountId;
        this.expectedVersion = expectedVersion;
    }

    public String accountId() {
        return accountId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
