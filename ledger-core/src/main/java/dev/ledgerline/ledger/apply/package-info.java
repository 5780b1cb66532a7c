/**
 * Applying a queued transfer to the accounts: reading, deciding, posting and finishing it, inside a transaction the caller owns.
 */
package dev.ledgerline.ledger.apply;
