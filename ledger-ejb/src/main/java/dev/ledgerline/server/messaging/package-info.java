/**
 * The server's side of messaging: the names of its JMS resources and the record of failed deliveries. The
 * container-free part (the transfer message, dead letters, the consumer loop) lives in the package of the same
 * name in ledger-core, shared with the standalone worker.
 */
package dev.ledgerline.server.messaging;
