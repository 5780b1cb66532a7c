/**
 * The server's part of noting a failed delivery: {@link dev.ledgerline.server.messaging.DeliveryFailedException},
 * which rolls a consumer's container transaction back, and {@link dev.ledgerline.server.messaging.FailedDeliveries},
 * which notes the failure outside it; {@link dev.ledgerline.server.messaging.ReceivedBatch}, which lays a failure
 * at the door of the member of a batch that caused it; and {@link dev.ledgerline.server.messaging.TransactedReceive},
 * the receive on a session transacted on the broker alone; and {@link dev.ledgerline.server.messaging.ServerPollers},
 * which makes the server's poller threads and stops them at the start of the server's quiesce. The container-free messaging code (the transfer message, the queues, the
 * note itself, dead letters, the poller threads) is in ledger-core's {@code dev.ledgerline.ledger.messaging},
 * shared with the standalone worker; the JNDI names of the server's JMS resources are in
 * {@link dev.ledgerline.server.config.LedgerResources}.
 */
package dev.ledgerline.server.messaging;
