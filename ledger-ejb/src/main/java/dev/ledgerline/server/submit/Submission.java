package dev.ledgerline.server.submit;

import java.util.function.Function;

import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.submit.RequestCheck;

/**
 * The answer to a submission, once its transaction has ended: the transfer this request created, the one an
 * earlier request with the same idempotency key created, or the refusal with every field at fault. A refusal
 * is an expected outcome for a client's mistake, not a failure: it is a value, and nothing was written for
 * it.
 */
public sealed interface Submission {

    /**
     * Answers by the case, each case with its own function: the compiler then sees that every case is answered
     * (Java 17 has no switch over the records of a sealed type).
     */
    <R> R answer(Function<Created, R> created, Function<Replayed, R> replayed, Function<Refused, R> refused);

    /** This request created the transfer, QUEUED and committed with (or before) its message. */
    record Created(Transfer transfer) implements Submission {
        @Override
        public <R> R answer(Function<Created, R> created, Function<Replayed, R> replayed,
                            Function<Refused, R> refused) {
            return created.apply(this);
        }
    }

    /** The request repeats an earlier one (same key, same details): the transfer that one created. */
    record Replayed(Transfer transfer) implements Submission {
        @Override
        public <R> R answer(Function<Created, R> created, Function<Replayed, R> replayed,
                            Function<Refused, R> refused) {
            return replayed.apply(this);
        }
    }

    /** The ledger will not accept the request, for the reasons given; nothing was written. */
    record Refused(RequestCheck.Invalid problem) implements Submission {
        @Override
        public <R> R answer(Function<Created, R> created, Function<Replayed, R> replayed,
                            Function<Refused, R> refused) {
            return refused.apply(this);
        }
    }
}
