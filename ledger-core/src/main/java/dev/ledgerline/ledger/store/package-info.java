/**
 * JDBC access to the ledger's tables on the caller's connection and in the caller's transaction; nothing here commits.
 */
package dev.ledgerline.ledger.store;
