/**
 * UNSAFE demonstration controls, off unless {@code ledgerline.unsafe-modes.enabled} is true: the
 * {@code at-most-once} and {@code at-least-once-naive} modes, which lose or duplicate a transfer when a
 * process crashes at the wrong moment. They exist so that the crash drills can show the invariant checker
 * failing where the two real designs pass. Sent through the idempotent design's outbox to
 * {@code transfers.unsafe}; consumed outside any XA transaction, each message acknowledged by committing a
 * local broker session at the point its mode chooses.
 */
package dev.ledgerline.server.unsafe;
