/**
 * The two-phase-commit design on Liberty: submission, consumers and dead letters, each a container transaction spanning the database and Artemis.
 */
package dev.ledgerline.server.xa;
