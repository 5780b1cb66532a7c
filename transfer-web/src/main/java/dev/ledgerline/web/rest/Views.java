package dev.ledgerline.web.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ledgerline.ledger.domain.Account;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.DeadLetter;
import dev.ledgerline.ledger.domain.DeadLetterReason;
import dev.ledgerline.ledger.domain.LedgerEntry;
import dev.ledgerline.ledger.domain.Money;
import dev.ledgerline.ledger.domain.Transfer;

/**
 * What the API returns, as JSON-B records. Amounts are decimal strings in major units ({@code "12.34"}),
 * exact, so that no client parses money into a binary float by accident.
 */
public final class Views {

    private static final String MONEY = "a decimal string in major units, exact (never a float).";
    private static final String MONEY_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$";

    private Views() {
    }

    @Schema(name = "Account", description = "An account and its balance.")
    public record AccountView(
            @Schema(required = true, example = "ACC-001") String id,
            @Schema(required = true, example = "Ada") String owner,
            @Schema(required = true, description = "ISO 4217 code.", example = "EUR") String currency,
            @Schema(required = true, description = MONEY, pattern = MONEY_PATTERN, example = "987.66") String balance,
            @Schema(required = true, description = "The lowest balance allowed; " + MONEY, pattern = MONEY_PATTERN,
                    example = "0.00") String floor,
            @Schema(required = true, description = "Raised by every change of the balance.") long version,
            @Schema(required = true) Instant updatedAt) {
        public static AccountView of(Account a) {
            return new AccountView(a.id(), a.owner(), a.currency().getCurrencyCode(), a.balance().toPlainString(),
                    new Money(a.floorMinor(), a.currency()).toPlainString(), a.version(), a.updatedAt());
        }
    }

    @Schema(name = "LedgerEntry", description = "One change of an account's balance, made by one transfer.")
    public record EntryView(
            @Schema(required = true) long id,
            @Schema(required = true) UUID transferId,
            @Schema(required = true, description = "Negative for a debit; " + MONEY, pattern = MONEY_PATTERN,
                    example = "-12.34") String amount,
            @Schema(required = true) Instant createdAt) {
    }

    @Schema(name = "AccountDetail", description = "An account with its ledger entries, newest first (at most 100).")
    public record AccountDetailView(
            @Schema(required = true, example = "ACC-001") String id,
            @Schema(required = true, example = "Ada") String owner,
            @Schema(required = true, description = "ISO 4217 code.", example = "EUR") String currency,
            @Schema(required = true, description = MONEY, pattern = MONEY_PATTERN, example = "987.66") String balance,
            @Schema(required = true, description = "The lowest balance allowed; " + MONEY, pattern = MONEY_PATTERN,
                    example = "0.00") String floor,
            @Schema(required = true, description = "Raised by every change of the balance.") long version,
            @Schema(required = true) Instant updatedAt,
            @Schema(required = true) List<EntryView> entries) {
        public static AccountDetailView of(Account a, List<LedgerEntry> entries) {
            AccountView v = AccountView.of(a);
            return new AccountDetailView(v.id(), v.owner(), v.currency(), v.balance(), v.floor(), v.version(),
                    v.updatedAt(), entries.stream()
                    .map(e -> new EntryView(e.id(), e.transferId(), new Money(e.amountMinor(), a.currency()).toPlainString(),
                            e.createdAt()))
                    .toList());
        }
    }

    @Schema(name = "Transfer", description = "A transfer and where it is: QUEUED until a consumer applies it, then "
            + "COMPLETED, REJECTED (by the ledger's rules: reason says which) or FAILED (dead-lettered).")
    public record TransferView(
            @Schema(required = true) UUID id,
            @Schema(required = true, example = "3f0c8e0a-1b7e-4c54-9a53-0d6f1d2b7c11") String idempotencyKey,
            @Schema(required = true, enumeration = {"xa", "idempotent", "at-most-once", "at-least-once-naive"})
            String mode,
            @Schema(required = true, example = "ACC-001") String fromAccount,
            @Schema(required = true, example = "ACC-002") String toAccount,
            @Schema(required = true, description = MONEY, pattern = MONEY_PATTERN, example = "12.34") String amount,
            @Schema(required = true, description = "ISO 4217 code.", example = "EUR") String currency,
            @Schema(required = true, enumeration = {"QUEUED", "COMPLETED", "REJECTED", "FAILED"}) String status,
            @Schema(nullable = true, description = "Why it was REJECTED or FAILED.") String reason,
            @Schema(required = true, description = "Deliveries that failed before the last one.") int failedDeliveries,
            @Schema(nullable = true, description = "The last delivery failure, if any.") String lastError,
            @Schema(required = true) Instant createdAt,
            @Schema(nullable = true, description = "When it reached its final status.") Instant completedAt,
            @Schema(nullable = true, description = "The process that gave it its final status: liberty/<server name> "
                    + "or worker/<node id>. Absent while QUEUED, and for transfers that ended before it was recorded.",
                    example = "liberty/ledgerline-1") String appliedBy,
            @Schema(nullable = true, enumeration = {"liberty-tm", "narayana", "none"}, description = "What coordinated "
                    + "the transaction that gave it its final status: Liberty's transaction manager, the worker's "
                    + "Narayana, or none (local transactions). Present exactly when appliedBy is.")
            String coordinator) {
        public static TransferView of(Transfer t) {
            AppliedBy by = t.appliedBy();
            return new TransferView(t.id(), t.idempotencyKey(), t.mode().wireName(), t.fromAccount(), t.toAccount(),
                    t.amount().toPlainString(), t.amount().currency().getCurrencyCode(), t.status().name(), t.reason(),
                    t.failedAttempts(), t.lastError(), t.createdAt(), t.completedAt(),
                    by == null ? null : by.process(), by == null ? null : by.coordinator().wireName());
        }
    }

    /** A dead letter as recorded; its text fields were sanitized before they were stored. */
    @Schema(name = "DeadLetter", description = "A message taken from a dead-letter queue, and why it could not be applied.")
    public record DeadLetterView(
            @Schema(required = true) long id,
            @Schema(required = true, description = "The dead-letter queue it was taken from.", example = "transfers.xa.dlq")
            String queue,
            @Schema(description = "The queue the broker dead-lettered it from; absent when it was sent straight to the dead-letter queue.")
            String originalQueue,
            @Schema(description = "The broker's message id, when the message had one.") String brokerMessageId,
            @Schema(description = "The transfer it named, when it named one.") UUID transferId,
            // Described by the enum itself, so that a new reason is in the document the day it is in the code.
            @Schema(required = true, implementation = DeadLetterReason.class) String reason,
            @Schema(description = "The reason in words.") String detail,
            @Schema(required = true, description = "Deliveries before it was dead-lettered.") int deliveryCount,
            @Schema(description = "At most 100 characters of a text body, anything but printable ASCII and <>&\"'`\\ replaced by ?.")
            String bodyExcerpt,
            @Schema(required = true) Instant receivedAt) {
        public static DeadLetterView of(DeadLetter d) {
            return new DeadLetterView(d.id(), d.queue(), d.originalQueue(), d.brokerMessageId(), d.transferId(),
                    d.reason().name(), d.detail(), d.deliveryCount(), d.bodyExcerpt(), d.receivedAt());
        }
    }
}
