package dev.ledgerline.ledger.submit;

import dev.ledgerline.ledger.domain.Money;

/** A transfer request whose fields have all been checked: what the ledger accepts and queues. */
public record TransferOrder(String fromAccount, String toAccount, Money amount, String idempotencyKey) {
}
