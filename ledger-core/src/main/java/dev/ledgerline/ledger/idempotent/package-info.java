/**
 * The consumer side of the idempotent design (no XA): one local transaction per delivery, or per batch of
 * deliveries, that records each message and applies its transfer (with versioned updates, retried on conflict,
 * for a delivery alone), so that a repeated delivery changes nothing; and the design's mid-transaction crash point, between the two postings. The server's
 * consumer that calls it is {@code dev.ledgerline.server.idempotent.IdempotentTransferConsumer}.
 */
package dev.ledgerline.ledger.idempotent;
