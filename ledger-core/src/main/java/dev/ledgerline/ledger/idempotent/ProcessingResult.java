package dev.ledgerline.ledger.idempotent;

import java.util.UUID;

import dev.ledgerline.ledger.apply.ApplyOutcome;

/** What processing one delivery committed, and how many conflicts it rolled back on first. */
public sealed interface ProcessingResult {

    /** The attempts before the committed one that rolled back on a conflict. */
    int conflicts();

    /** The message was new: it is recorded and its transfer was applied (or found final). */
    record Applied(ApplyOutcome outcome, int conflicts) implements ProcessingResult {
    }

    /** The message was recorded by an earlier delivery, so this one changed nothing. */
    record DuplicateSkipped(String messageKey, UUID transferId, int conflicts) implements ProcessingResult {
    }
}
