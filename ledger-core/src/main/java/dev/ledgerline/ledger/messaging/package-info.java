/**
 * Container-free messaging code that the server and the standalone worker share: the transfer message, how a
 * dead letter ends its transfer, and the consumer loop. The server's JMS resources live in the package of the
 * same name in ledger-ejb.
 */
package dev.ledgerline.ledger.messaging;
