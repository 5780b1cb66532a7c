/**
 * The two-phase-commit design on Liberty: submission, consumers and dead letters, each a container
 * transaction that spans the database and Artemis, prepared and committed together by Liberty's transaction
 * manager.
 *
 * <p>Reading order, from the request to the ledger entry:
 * <ol>
 *   <li>{@code dev.ledgerline.web.rest.TransfersResource} (module transfer-web): {@code POST /api/transfers}
 *       with {@code "mode":"xa"} (the default); {@code dev.ledgerline.web.rest.TransferRequestReader} reads the
 *       body into a {@code dev.ledgerline.ledger.submit.TransferRequest}.</li>
 *   <li>{@link dev.ledgerline.server.submit.TransferSubmissions}: hands it to this design, and answers with a
 *       {@link dev.ledgerline.server.submit.Submission} (created, replayed or refused).</li>
 *   <li>{@link dev.ledgerline.server.xa.XaTransferSubmission}: in one XA transaction,
 *       {@code dev.ledgerline.ledger.submit.TransferIntake} decides (fields by
 *       {@code dev.ledgerline.ledger.submit.TransferRequestValidator}, then the idempotency key),
 *       {@code dev.ledgerline.ledger.store.TransferStore} writes the QUEUED transfer, and the message
 *       ({@code dev.ledgerline.ledger.messaging.TransferMessages}) goes to {@code transfers.xa}
 *       ({@code dev.ledgerline.ledger.messaging.TransferQueue#XA}): both or neither.</li>
 *   <li>The broker (module broker, {@code dev.ledgerline.broker.BrokerConfigurationFactory}) holds the message,
 *       and redelivers it after a failed delivery.</li>
 *   <li>{@link dev.ledgerline.server.xa.XaConsumers}: the consumer threads
 *       ({@code dev.ledgerline.ledger.messaging.PollerThreads}, {@code dev.ledgerline.ledger.messaging.QueuePoller});
 *       each poll calls {@link dev.ledgerline.server.xa.XaTransferProcessor}.</li>
 *   <li>{@link dev.ledgerline.server.xa.XaTransferProcessor}: in one XA transaction, receives the message and
 *       has {@code dev.ledgerline.ledger.apply.LockingTransferApplier} lock the transfer and its two accounts
 *       (in id order) and apply it.</li>
 *   <li>{@code dev.ledgerline.ledger.apply.LedgerPosting}: {@code dev.ledgerline.ledger.rules.TransferRules}
 *       decides; {@code dev.ledgerline.ledger.store.AccountStore} moves each balance and
 *       {@code dev.ledgerline.ledger.store.LedgerEntryStore} writes its entry; {@code TransferStore} finishes
 *       the transfer.</li>
 *   <li>The end: two {@code ledger_entry} rows ({@code dev.ledgerline.ledger.domain.LedgerEntry}) and a
 *       COMPLETED (or REJECTED) transfer, committed together with the message's acknowledgement;
 *       {@link dev.ledgerline.server.observe.TransferLog} writes its line once both have.</li>
 * </ol>
 * When a delivery fails: {@link dev.ledgerline.server.messaging.DeliveryFailedException} rolls both back and is
 * noted by {@link dev.ledgerline.server.messaging.FailedDeliveries}; after the last attempt
 * {@link dev.ledgerline.server.xa.XaDeadLetterProcessor} records the dead letter and ends the transfer FAILED
 * ({@code dev.ledgerline.ledger.messaging.DeadLetters}, {@code dev.ledgerline.ledger.store.DeadLetterStore};
 * shown by {@code dev.ledgerline.web.rest.DeadLettersResource}). A message that names no transfer fails the
 * same way ({@code dev.ledgerline.ledger.messaging.MalformedTransferMessageException}) and is only recorded. The standalone worker consumes the same queue with
 * Narayana instead of Liberty: {@code dev.ledgerline.worker.consume.XaQueueConsumer} (module worker).
 */
package dev.ledgerline.server.xa;
