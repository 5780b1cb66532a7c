package dev.ledgerline.ledger.store;

import java.time.Instant;
import java.util.UUID;

/** An outbox row a relay has claimed: what to send, where, and for which transfer. */
public record OutboxMessage(long id, UUID transferId, String destination, String payload, Instant createdAt) {
}
