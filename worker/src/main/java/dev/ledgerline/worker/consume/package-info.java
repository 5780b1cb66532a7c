/**
 * The worker's consumers: one Narayana transaction per message across the broker and the database, with the
 * ledger work of ledger-core (applying a transfer, ending a dead-lettered one) and the log line after commit.
 */
package dev.ledgerline.worker.consume;
