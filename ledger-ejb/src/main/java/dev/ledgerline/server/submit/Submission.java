package dev.ledgerline.server.submit;

import java.util.function.Function;

import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.submit.RequestCheck;

/**
 * The answer to a submission, once its transaction has ended: the transfer this request created, the one an
 * earlier request with the same idempotency key created, the refusal with every field at fault, or word that
 * the broker is not taking messages. A refusal is an expected outcome for a client's mistake, and an
 * unavailable broker one of running a broker, not failures: they are values, and nothing was written for
 * either.
 */
public sealed interface Submission {

    /**
     * Answers by the case, each case with its own function: the compiler then sees that every case is answered
     * (Java 17 has no switch over the records of a sealed type).
     */
    <R> R answer(Function<Created, R> created, Function<Replayed, R> replayed, Function<Refused, R> refused,
                 Function<Unavailable, R> unavailable);

    /** This request created the transfer, QUEUED and committed with (or before) its message. */
    record Created(Transfer transfer) implements Submission {
        @Override
        public <R> R answer(Function<Created, R> created, Function<Replayed, R> replayed,
                            Function<Refused, R> refused, Function<Unavailable, R> unavailable) {
            return created.apply(this);
        }
    }

    /** The request repeats an earlier one (same key, same details): the transfer that one created. */
    record Replayed(Transfer transfer) implements Submission {
        @Override
        public <R> R answer(Function<Created, R> created, Function<Replayed, R> replayed,
                            Function<Refused, R> refused, Function<Unavailable, R> unavailable) {
            return replayed.apply(this);
        }
    }

    /** The ledger will not accept the request, for the reasons given; nothing was written. */
    record Refused(RequestCheck.Invalid problem) implements Submission {
        @Override
        public <R> R answer(Function<Created, R> created, Function<Replayed, R> replayed,
                            Function<Refused, R> refused, Function<Unavailable, R> unavailable) {
            return refused.apply(this);
        }
    }

    /**
     * The broker did not take the transfer's message, in two transactions one after the other (an XA
     * submission sends it in its own transaction); both rolled back, so nothing was written, and the same
     * request may be sent again later.
     */
    record Unavailable(String reason) implements Submission {
        @Override
        public <R> R answer(Function<Created, R> created, Function<Replayed, R> replayed,
                            Function<Refused, R> refused, Function<Unavailable, R> unavailable) {
            return unavailable.apply(this);
        }
    }
}
