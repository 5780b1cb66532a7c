package dev.ledgerline.ledger.apply;

import dev.ledgerline.ledger.domain.Transfer;

/** What applying a queued transfer did; every case carries the transfer as it now stands. */
public sealed interface ApplyOutcome {

    Transfer transfer();

    /** Both balances moved and two ledger entries were written. */
    record Completed(Transfer transfer) implements ApplyOutcome {
    }

    /** The rules refused it; it is final with a reason and nothing moved. */
    record Rejected(Transfer transfer) implements ApplyOutcome {
    }

    /** It had reached a final status before: a repeated delivery that must change nothing. */
    record AlreadyFinal(Transfer transfer) implements ApplyOutcome {
    }
}
