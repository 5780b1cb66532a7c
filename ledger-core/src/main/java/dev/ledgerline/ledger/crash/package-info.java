/**
 * Crash points for the drills: named places where a process halts, armed only by the drills' system
 * properties. See {@link dev.ledgerline.ledger.crash.CrashPoint} for the matrix.
 */
package dev.ledgerline.ledger.crash;
