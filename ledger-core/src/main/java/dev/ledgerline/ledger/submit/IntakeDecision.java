package dev.ledgerline.ledger.submit;

import dev.ledgerline.ledger.domain.Transfer;

/** What a transfer request becomes: a new transfer to store, the one its key made before, or a refusal. */
public sealed interface IntakeDecision {

    /** A new QUEUED transfer, not stored yet: the caller stores it with its message, in its design's way. */
    record Accept(Transfer transfer) implements IntakeDecision {
    }

    /** The request repeats an earlier one (same key, same details): answer with the transfer it made. */
    record Replay(Transfer transfer) implements IntakeDecision {
    }

    /** The request cannot be accepted; nothing is to be written. */
    record Refuse(RequestCheck.Invalid problem) implements IntakeDecision {
    }
}
