/**
 * The checker of every invariant of docs/design.md after a run, from what the database, the broker, the
 * coordinator's log and the clients' history hold. The drills and the stress run report its results; the
 * benchmark stops at the first scenario that breaks one.
 */
package dev.ledgerline.harness.check;
