package dev.ledgerline.ledger.rules;

import java.util.List;

/**
 * What the rules decided for a queued transfer. Refusal is an expected outcome, so it is a value here and
 * not an exception.
 */
public sealed interface TransferDecision {

    /** Move the money: the postings sum to zero. */
    record Apply(List<Posting> postings) implements TransferDecision {
        public Apply {
            postings = List.copyOf(postings);
            if (postings.stream().mapToLong(Posting::amountMinor).sum() != 0) {
                throw new IllegalArgumentException("postings must sum to zero: " + postings);
            }
        }
    }

    /** Refuse the transfer; nothing moves. */
    record Reject(String reason) implements TransferDecision {
    }
}
