package dev.ledgerline.web.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.ledgerline.ledger.domain.Account;
import dev.ledgerline.ledger.domain.DeadLetter;
import dev.ledgerline.ledger.domain.LedgerEntry;
import dev.ledgerline.ledger.domain.Money;
import dev.ledgerline.ledger.domain.Transfer;

/**
 * What the API returns, as JSON-B records. Amounts are decimal strings in major units ({@code "12.34"}),
 * exact, so that no client parses money into a binary float by accident.
 */
public final class Views {

    private Views() {
    }

    public record AccountView(String id, String owner, String currency, String balance, String floor, long version,
                       Instant updatedAt) {
        public static AccountView of(Account a) {
            return new AccountView(a.id(), a.owner(), a.currency().getCurrencyCode(), a.balance().toPlainString(),
                    new Money(a.floorMinor(), a.currency()).toPlainString(), a.version(), a.updatedAt());
        }
    }

    public record EntryView(long id, UUID transferId, String amount, Instant createdAt) {
    }

    public record AccountDetailView(String id, String owner, String currency, String balance, String floor, long version,
                             Instant updatedAt, List<EntryView> entries) {
        public static AccountDetailView of(Account a, List<LedgerEntry> entries) {
            AccountView v = AccountView.of(a);
            return new AccountDetailView(v.id(), v.owner(), v.currency(), v.balance(), v.floor(), v.version(),
                    v.updatedAt(), entries.stream()
                    .map(e -> new EntryView(e.id(), e.transferId(), new Money(e.amountMinor(), a.currency()).toPlainString(),
                            e.createdAt()))
                    .toList());
        }
    }

    public record TransferView(UUID id, String idempotencyKey, String mode, String fromAccount, String toAccount,
                        String amount, String currency, String status, String reason, int failedDeliveries,
                        String lastError, Instant createdAt, Instant completedAt) {
        public static TransferView of(Transfer t) {
            return new TransferView(t.id(), t.idempotencyKey(), t.mode().wireName(), t.fromAccount(), t.toAccount(),
                    t.amount().toPlainString(), t.amount().currency().getCurrencyCode(), t.status().name(), t.reason(),
                    t.failedAttempts(), t.lastError(), t.createdAt(), t.completedAt());
        }
    }

    /** A dead letter as recorded; its text fields were sanitized before they were stored. */
    public record DeadLetterView(long id, String queue, String originalQueue, String brokerMessageId,
                          UUID transferId, String reason, String detail, int deliveryCount, String bodyExcerpt,
                          Instant receivedAt) {
        public static DeadLetterView of(DeadLetter d) {
            return new DeadLetterView(d.id(), d.queue(), d.originalQueue(), d.brokerMessageId(), d.transferId(),
                    d.reason().name(), d.detail(), d.deliveryCount(), d.bodyExcerpt(), d.receivedAt());
        }
    }
}
