-- Who ended each transfer, now that several processes consume the same queues (Liberty servers, Narayana
-- workers): the process that moved it to its final status (COMPLETED, REJECTED or FAILED) and the coordinator
-- of the transaction it did so in. Both are written by the UPDATE that sets the final status, so they commit
-- or roll back with it. Written once for H2 and PostgreSQL: standard types only.

-- A stable process name, "liberty/<ledgerline.process.name>" or "worker/<node id>". NULL while the transfer
-- is QUEUED, and for every transfer that ended before this migration: who ended those was never recorded.
ALTER TABLE transfer ADD COLUMN applied_by VARCHAR(100);

-- One of dev.ledgerline.ledger.domain.Coordinator: liberty-tm (Liberty's transaction manager, the XA design on
-- the server), narayana (the worker's) or none (local transactions: the idempotent design, the unsafe modes).
-- No CHECK list, as for dead_letter.reason: a new coordinator needs no migration.
ALTER TABLE transfer ADD COLUMN coordinator VARCHAR(40);

ALTER TABLE transfer ADD CONSTRAINT transfer_applied_by_with_coordinator
    CHECK ((applied_by IS NULL) = (coordinator IS NULL));
