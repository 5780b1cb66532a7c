package dev.ledgerline.ledger.domain;

/** The life of a transfer: accepted and queued, then exactly one final state. */
public enum TransferStatus {
    /** Accepted and waiting for a consumer. */
    QUEUED,
    /** Applied: both balances moved and two ledger entries were written. */
    COMPLETED,
    /** Refused by the ledger's rules (for example insufficient funds); nothing moved. */
    REJECTED,
    /** Could not be processed (its message was dead-lettered after the redelivery limit); nothing moved. */
    FAILED;

    public boolean isFinal() {
        return this != QUEUED;
    }
}
