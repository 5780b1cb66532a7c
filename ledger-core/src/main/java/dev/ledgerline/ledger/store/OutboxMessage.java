package dev.ledgerline.ledger.store;

import java.time.Instant;
import java.util.UUID;

import dev.ledgerline.ledger.domain.TransferMode;

/**
 * An outbox row a relay has claimed: what to send, where, and for which transfer, with that transfer's mode
 * (read from the transfer row), which the message carries so that a queue shared by several modes can tell
 * them apart.
 */
public record OutboxMessage(long id, UUID transferId, TransferMode mode, String destination, String payload,
                            Instant createdAt) {
}
