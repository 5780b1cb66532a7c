/**
 * The idempotent design on Liberty, without XA: submission with a transactional outbox, the outbox relay,
 * and message-driven consumers that commit a local transaction before the message is acknowledged.
 */
package dev.ledgerline.server.idempotent;
