/**
 * How long the idempotent design keeps the rows that only matter while copies of a message can still come:
 * the consumer's processed-message records and the outbox rows already published. The window must be
 * longer than the broker keeps redelivering one message ({@link dev.ledgerline.ledger.retention.RetentionWindow}),
 * and {@link dev.ledgerline.ledger.retention.RecordPruner} deletes what is older, in short batches that
 * several servers may run at once.
 */
package dev.ledgerline.ledger.retention;
