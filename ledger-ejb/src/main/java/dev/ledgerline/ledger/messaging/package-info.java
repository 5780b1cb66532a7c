/**
 * What the designs share about messaging: resource names, the transfer message, and the consumer loop.
 */
package dev.ledgerline.ledger.messaging;
