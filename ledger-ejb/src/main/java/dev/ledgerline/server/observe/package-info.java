/**
 * What the server says about transfers: the one line per committed state change
 * ({@link dev.ledgerline.server.observe.TransferLog}, with ledger-core's
 * {@code dev.ledgerline.ledger.observe.AfterCommitLog}) and the counters and latency behind
 * {@code /metrics} and {@code GET /api/statistics} ({@link dev.ledgerline.server.observe.TransferMetrics}).
 */
package dev.ledgerline.server.observe;
