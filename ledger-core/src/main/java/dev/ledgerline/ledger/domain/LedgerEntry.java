package dev.ledgerline.ledger.domain;

import java.time.Instant;
import java.util.UUID;

/** One side of a completed transfer: negative on the account debited, positive on the account credited. */
public record LedgerEntry(long id, UUID transferId, String accountId, long amountMinor, Instant createdAt) {
}
