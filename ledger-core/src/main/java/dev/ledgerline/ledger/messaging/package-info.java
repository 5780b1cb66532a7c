/**
 * Container-free messaging code that the server (ledger-ejb) and the standalone worker share: the transfer
 * queues and their redelivery defaults ({@link dev.ledgerline.ledger.messaging.TransferQueue}), the
 * redelivery policy and how long it keeps redelivering ({@link dev.ledgerline.ledger.messaging.RedeliveryPolicy}), the transfer
 * message ({@link dev.ledgerline.ledger.messaging.TransferMessages}), the note about a failed delivery
 * ({@link dev.ledgerline.ledger.messaging.FailedDelivery},
 * {@link dev.ledgerline.ledger.messaging.FailedDeliveryNotes}),
 * how a dead letter is recorded and ends its transfer ({@link dev.ledgerline.ledger.messaging.DeadLetters},
 * with {@link dev.ledgerline.ledger.messaging.SafeText} for what it keeps of the message), why a message is
 * refused ({@link dev.ledgerline.ledger.messaging.MalformedTransferMessageException}), and the consumer
 * loop and its threads ({@link dev.ledgerline.ledger.messaging.QueuePoller},
 * {@link dev.ledgerline.ledger.messaging.PollerThreads}). The server's own side of messaging is
 * {@code dev.ledgerline.server.messaging}.
 */
package dev.ledgerline.ledger.messaging;
