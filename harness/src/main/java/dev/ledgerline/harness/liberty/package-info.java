/**
 * Open Liberty with the EAR as a run starts it: its own ports and output directory, armed at a crash point
 * for a drill, with its transaction log's statements read from its messages. Used by the drills, the stress
 * run and the benchmark's Liberty scenarios.
 */
package dev.ledgerline.harness.liberty;
