/**
 * The readiness check ({@code GET /health/ready}): the database answers and the broker accepts a connection.
 * The consumers' liveness checks are with their designs ({@code server.xa}, {@code server.idempotent}), on
 * {@link dev.ledgerline.server.health.ConsumerThreadsLiveness}.
 */
package dev.ledgerline.server.health;
