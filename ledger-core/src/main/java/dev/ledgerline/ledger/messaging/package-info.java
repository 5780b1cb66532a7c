/**
 * Container-free messaging code that the server (ledger-ejb) and the standalone worker share: the transfer
 * queues and their redelivery defaults ({@link dev.ledgerline.ledger.messaging.TransferQueue}), the transfer
 * message ({@link dev.ledgerline.ledger.messaging.TransferMessages}), the note about a failed delivery
 * ({@link dev.ledgerline.ledger.messaging.FailedDelivery},
 * {@link dev.ledgerline.ledger.messaging.FailedDeliveryNotes}),
 * how a dead letter ends its transfer ({@link dev.ledgerline.ledger.messaging.DeadLetters}), and the consumer
 * loop and its threads ({@link dev.ledgerline.ledger.messaging.QueuePoller},
 * {@link dev.ledgerline.ledger.messaging.PollerThreads}). The server's own side of messaging is
 * {@code dev.ledgerline.server.messaging}.
 */
package dev.ledgerline.ledger.messaging;
