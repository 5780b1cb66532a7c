/**
 * The invariant checker: every invariant of the ledger evaluated from what the database holds, trusting no other code.
 */
package dev.ledgerline.ledger.check;
