/**
 * The readiness check ({@code GET /health/ready}): the database answers and the broker accepts a connection; and
 * the liveness check ({@code GET /health/live}): every consumer thread of both designs runs.
 */
package dev.ledgerline.server.health;
