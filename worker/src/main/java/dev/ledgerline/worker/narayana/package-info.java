/**
 * Narayana outside a server: its settings and recovery manager, the named resources that let recovery delete
 * what it finished, the recovery helpers for the broker and the database, and the crash points of the drills.
 */
package dev.ledgerline.worker.narayana;
