package dev.ledgerline.ledger.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A transfer as stored. {@code completedAt} and {@code appliedBy} are set when it reaches a final status;
 * {@code appliedBy} stays null for a transfer that ended before it was recorded.
 */
public record Transfer(UUID id, String idempotencyKey, TransferMode mode, String fromAccount, String toAccount,
                       Money amount, TransferStatus status, String reason, String lastError, int failedAttempts,
                       Instant createdAt, Instant completedAt, AppliedBy appliedBy) {

    /** A transfer just accepted: QUEUED, nothing failed, nothing ended. */
    public static Transfer queued(UUID id, String idempotencyKey, TransferMode mode, String fromAccount,
                                  String toAccount, Money amount, Instant createdAt) {
        return new Transfer(id, idempotencyKey, mode, fromAccount, toAccount, amount, TransferStatus.QUEUED, null,
                null, 0, createdAt, null, null);
    }

    /** A one-line description for the log: id, mode, from, to, amount and status. */
    public String describe() {
        return "transfer " + id + " mode=" + mode.wireName() + " from=" + fromAccount + " to=" + toAccount
                + " amount=" + amount + " status=" + status + (reason == null ? "" : " reason=\"" + reason + "\"");
    }

    /** This transfer in a final status, as {@code TransferStore.finish} leaves it. */
    public Transfer finished(TransferStatus finalStatus, String finalReason, Instant at, AppliedBy by) {
        return new Transfer(id, idempotencyKey, mode, fromAccount, toAccount, amount, finalStatus, finalReason,
                lastError, failedAttempts, createdAt, at, by);
    }
}
