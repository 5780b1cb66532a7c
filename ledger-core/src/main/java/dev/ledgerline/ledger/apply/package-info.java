/**
 * Applying a queued transfer to the accounts: reading, deciding, posting and finishing it, inside a
 * transaction the caller owns. Under row locks for the XA design
 * ({@link dev.ledgerline.ledger.apply.LockingTransferApplier}), with versioned updates for the idempotent one
 * ({@link dev.ledgerline.ledger.apply.VersionedTransferApplier}), and the unsafe naive way
 * ({@link dev.ledgerline.ledger.apply.NaiveTransferApplier}). The first two share the posting; a design that
 * wants a step between its two postings (the idempotent one's crash point) passes it in.
 */
package dev.ledgerline.ledger.apply;
