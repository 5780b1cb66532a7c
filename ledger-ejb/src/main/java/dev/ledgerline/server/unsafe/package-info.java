/**
 * UNSAFE demonstration controls, off unless {@code ledgerline.unsafe-modes.enabled} is true: the
 * {@code at-most-once} and {@code at-least-once-naive} modes, which lose or duplicate a transfer when a
 * process crashes at the wrong moment. They exist so that the crash drills can show the invariant checker
 * failing where the two real designs pass.
 *
 * <p>Reading order: {@code dev.ledgerline.web.rest.TransfersResource} (module transfer-web) and
 * {@link dev.ledgerline.server.submit.TransferSubmissions}, as for the real designs;
 * {@link dev.ledgerline.server.unsafe.UnsafeTransferSubmission}, which refuses unless enabled and otherwise
 * sends through the idempotent design's outbox
 * ({@link dev.ledgerline.server.idempotent.IdempotentTransferSubmission#queue}, then
 * {@link dev.ledgerline.server.idempotent.OutboxRelay}) to {@code transfers.unsafe};
 * {@link dev.ledgerline.server.unsafe.UnsafeConsumers}, the threads;
 * {@link dev.ledgerline.server.unsafe.UnsafeTransferProcessor}, which receives outside any XA transaction
 * ({@link dev.ledgerline.server.messaging.TransactedReceive}) and acknowledges where its mode's flaw is, applying
 * with {@code dev.ledgerline.ledger.apply.VersionedTransferApplier} or
 * {@code dev.ledgerline.ledger.apply.NaiveTransferApplier}; the ledger entries as in the real designs.
 * {@link dev.ledgerline.server.unsafe.UnsafeDeadLetterProcessor} records what the broker dead-letters and ends its
 * transfer.
 */
package dev.ledgerline.server.unsafe;
