/**
 * What the ledger says about a transfer once a change is committed: the one log line per state change, the
 * same from the server and from the worker.
 */
package dev.ledgerline.ledger.observe;
