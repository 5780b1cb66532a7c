/**
 * Checking a client's transfer request, field by field and against the accounts, before anything is written.
 */
package dev.ledgerline.ledger.submit;
