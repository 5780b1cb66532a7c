/**
 * The idempotent design on Liberty, without XA: submission with a transactional outbox, the outbox relay, and
 * consumers that commit a local transaction before they acknowledge its batch of messages, so that a redelivery
 * finds its message already recorded and changes nothing.
 *
 * <p>Reading order, from the request to the ledger entry:
 * <ol>
 *   <li>{@code dev.ledgerline.web.rest.TransfersResource} (module transfer-web): {@code POST /api/transfers}
 *       with {@code "mode":"idempotent"}; {@code dev.ledgerline.web.rest.TransferRequestReader} reads the body
 *       into a {@code dev.ledgerline.ledger.submit.TransferRequest}.</li>
 *   <li>{@link dev.ledgerline.server.submit.TransferSubmissions}: hands it to this design, and answers with a
 *       {@link dev.ledgerline.server.submit.Submission} (created, replayed or refused).</li>
 *   <li>{@link dev.ledgerline.server.idempotent.IdempotentTransferSubmission}: in one
 *       {@code dev.ledgerline.ledger.store.LocalTransaction}, {@code dev.ledgerline.ledger.submit.TransferIntake}
 *       decides (fields by {@code dev.ledgerline.ledger.submit.TransferRequestValidator}, then the idempotency
 *       key), and {@code dev.ledgerline.ledger.store.TransferStore} and
 *       {@code dev.ledgerline.ledger.store.OutboxStore} write the QUEUED transfer and its outbox row. The
 *       client has its answer (202) once they are committed; the broker has nothing yet.</li>
 *   <li>{@link dev.ledgerline.server.idempotent.OutboxRelay}: one thread
 *       ({@code dev.ledgerline.ledger.messaging.PollerThreads}, {@code dev.ledgerline.ledger.messaging.QueuePoller})
 *       that calls {@link dev.ledgerline.server.idempotent.OutboxPublisher} again and again: claim rows
 *       ({@code OutboxStore}), send them to {@code transfers.idempotent}
 *       ({@code dev.ledgerline.ledger.messaging.TransferQueue#IDEMPOTENT}, message format
 *       {@code dev.ledgerline.ledger.messaging.TransferMessages}) in one broker transaction, mark them
 *       published.</li>
 *   <li>The broker (module broker, {@code dev.ledgerline.broker.BrokerConfigurationFactory}) holds the message,
 *       and redelivers it after a failed delivery.</li>
 *   <li>{@link dev.ledgerline.server.idempotent.IdempotentConsumers}: the consumer threads, each calling
 *       {@link dev.ledgerline.server.idempotent.IdempotentTransferConsumer}, which receives a batch
 *       ({@code dev.ledgerline.ledger.messaging.DeliveryBatch}) on a transacted broker session
 *       ({@link dev.ledgerline.server.messaging.TransactedReceive}), reads each message key and transfer id
 *       ({@link dev.ledgerline.server.messaging.ReceivedBatch}) and calls the processor of
 *       {@link dev.ledgerline.server.idempotent.IdempotentProcessing}.</li>
 *   <li>{@code dev.ledgerline.ledger.idempotent.IdempotentTransferProcessor}: one
 *       {@code LocalTransaction} per attempt: {@code dev.ledgerline.ledger.store.ProcessedMessageStore} records
 *       each key (or finds it recorded: a duplicate, nothing more to do), then
 *       {@code dev.ledgerline.ledger.apply.VersionedTransferApplier} (the last attempt, and a batch,
 *       {@code dev.ledgerline.ledger.apply.LockingTransferApplier}) applies the transfers; a conflict rolls back
 *       and retries ({@code dev.ledgerline.ledger.idempotent.RetryPolicy}).</li>
 *   <li>{@code dev.ledgerline.ledger.apply.LedgerPosting}: {@code dev.ledgerline.ledger.rules.TransferRules}
 *       decides; {@code dev.ledgerline.ledger.store.AccountStore} moves each balance (versioned) and
 *       {@code dev.ledgerline.ledger.store.LedgerEntryStore} writes its entry (the crash point
 *       {@code idempotent.mid-consumer-transaction} lies between the two postings); {@code TransferStore}
 *       finishes the transfer.</li>
 *   <li>The end: two {@code ledger_entry} rows ({@code dev.ledgerline.ledger.domain.LedgerEntry}) and a
 *       COMPLETED (or REJECTED) transfer, committed before the consumer commits the broker session, which
 *       acknowledges the batch; {@link dev.ledgerline.server.observe.TransferLog} writes its line.</li>
 * </ol>
 * When a delivery fails: {@link dev.ledgerline.server.messaging.DeliveryFailedException} is noted by
 * {@link dev.ledgerline.server.messaging.FailedDeliveries}, the broker redelivers, and after the last attempt
 * {@link dev.ledgerline.server.idempotent.IdempotentDeadLetterConsumer} records the dead letter and ends the
 * transfer FAILED ({@code dev.ledgerline.ledger.messaging.DeadLetters},
 * {@code dev.ledgerline.ledger.store.DeadLetterStore}; shown by {@code dev.ledgerline.web.rest.DeadLettersResource}).
 * A message that names no transfer fails the same way
 * ({@code dev.ledgerline.ledger.messaging.MalformedTransferMessageException}) and is only recorded.
 *
 * <p>Afterwards, {@link dev.ledgerline.server.idempotent.RecordPruning} deletes the processed-message record and
 * the published outbox row once they are older than the retention window
 * ({@code dev.ledgerline.ledger.retention.RecordPruner}), which the application refuses to start without:
 * longer than the broker's redelivery window ({@link dev.ledgerline.server.startup.SettingsCheck}).
 */
package dev.ledgerline.server.idempotent;
