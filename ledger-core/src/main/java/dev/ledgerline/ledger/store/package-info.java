/**
 * JDBC access to the ledger's tables on the caller's connection and in the caller's transaction; no store
 * commits. The one thing here that does is {@link dev.ledgerline.ledger.store.LocalTransaction}, the template
 * of every local transaction of the designs that need no coordinator.
 */
package dev.ledgerline.ledger.store;
