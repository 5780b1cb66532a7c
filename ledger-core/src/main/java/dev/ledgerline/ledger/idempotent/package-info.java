/**
 * The consumer side of the idempotent design (no XA): one local transaction per delivery that records the
 * message and applies its transfer with versioned updates, retried on conflict, so that a repeated delivery
 * changes nothing.
 */
package dev.ledgerline.ledger.idempotent;
