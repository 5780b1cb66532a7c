package dev.ledgerline.ledger.messaging;

import dev.ledgerline.ledger.domain.DeadLetterReason;

/**
 * A message on a transfer queue that no transfer can be made of: it can never succeed and ends on the
 * dead-letter queue, where {@link DeadLetters} records the reason this carries.
 *
 * <p>The consumer that finds a message malformed fails the delivery like any other failure, and lets the
 * broker dead-letter it after its bounded redeliveries, rather than moving it to the dead-letter queue at once.
 * The broker is then the one thing that moves messages there: a consumer that did so itself would be a second
 * path, and in the idempotent design (no XA) its send to the dead-letter queue could not be atomic with its
 * acknowledgement, so a crash between the two would lose or duplicate the dead letter. The redeliveries are
 * bounded (8 deliveries, about 45 s) and cheap: each fails on reading the message, before any database work,
 * and while the message waits out its redelivery delays the consumers serve the messages behind it. Their
 * cost is in the log: a WARNING line per failed delivery, and, for the idempotent design's message-driven
 * bean, the resource adapter's own error line with a stack trace and a session reset, as for any failure.
 */
public class MalformedTransferMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final DeadLetterReason reason;
    private final String problem;

    /** @param problem what is wrong, in words that quote nothing from the message */
    public MalformedTransferMessageException(String messageId, DeadLetterReason reason, String problem) {
        super("message " + messageId + " is not a transfer message: " + problem);
        this.reason = reason;
        this.problem = problem;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    /** What is wrong, without the message id. */
    public String problem() {
        return problem;
    }
}
