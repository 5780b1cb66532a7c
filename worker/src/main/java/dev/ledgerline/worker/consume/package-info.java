/**
 * The worker's consumers: one Narayana transaction per message across the broker and the database
 * ({@link dev.ledgerline.worker.consume.XaQueueConsumer}), with the ledger work of ledger-core (applying a
 * transfer, noting a failed delivery, recording a dead letter and ending its transfer) and ledger-core's log line after commit.
 */
package dev.ledgerline.worker.consume;
