package dev.ledgerline.ledger.domain;

import java.time.Instant;
import java.util.UUID;

/** A transfer as stored. {@code completedAt} is set when it reaches a final status. */
public record Transfer(UUID id, String idempotencyKey, TransferMode mode, String fromAccount, String toAccount,
                       Money amount, TransferStatus status, String reason, String lastError, int failedAttempts,
                       Instant createdAt, Instant completedAt) {

    /** A one-line description for the log: id, mode, from, to, amount and status. */
    public String describe() {
        return "transfer " + id + " mode=" + mode.wireName() + " from=" + fromAccount + " to=" + toAccount
                + " amount=" + amount + " status=" + status + (reason == null ? "" : " reason=\"" + reason + "\"");
    }

    /** This transfer in a final status, as {@code TransferStore.finish} leaves it. */
    public Transfer finished(TransferStatus finalStatus, String finalReason, Instant at) {
        return new Transfer(id, idempotencyKey, mode, fromAccount, toAccount, amount, finalStatus, finalReason,
                lastError, failedAttempts, createdAt, at);
    }
}
