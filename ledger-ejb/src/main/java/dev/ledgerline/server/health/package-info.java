/**
 * The readiness check ({@code GET /health/ready}): the database answers and the broker accepts a connection.
 * The XA consumers' liveness check is with them, in {@code server.xa}.
 */
package dev.ledgerline.server.health;
