/**
 * Read-only views for the API, outside any transaction: the ledger's accounts, entries, transfers and
 * invariants ({@link dev.ledgerline.server.query.LedgerQueries}), and what waits that should not wait long
 * ({@link dev.ledgerline.server.query.Backlog}).
 */
package dev.ledgerline.server.query;
