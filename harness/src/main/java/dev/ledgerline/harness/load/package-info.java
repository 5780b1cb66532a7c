/**
 * The HTTP load: transfers planned from a seed, submitted by careful clients that retry with the same
 * idempotency key, and the {@link dev.ledgerline.harness.load.History} of what the server promised them,
 * which the checker holds the database to. The drills and the stress run use the closed-loop {@link
 * dev.ledgerline.harness.load.LoadGenerator}; the benchmark uses it and its own open-loop load.
 */
package dev.ledgerline.harness.load;
