/**
 * Checking a client's transfer request, field by field and against the accounts, and deciding what it
 * becomes (a new transfer, a replay of its key's transfer, or a refusal) before anything is written. Storing
 * it with its message is each design's own work, in ledger-ejb.
 */
package dev.ledgerline.ledger.submit;
