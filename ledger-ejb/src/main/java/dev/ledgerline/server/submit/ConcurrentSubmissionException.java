package dev.ledgerline.server.submit;

import jakarta.ejb.ApplicationException;

/**
 * Another request with the same idempotency key inserted its transfer between our look-up and our insert.
 * Not an outcome, and never seen outside the server: {@link TransferSubmissions} catches it and submits again,
 * and the second attempt finds the other request's transfer and answers {@link Submission.Replayed}.
 *
 * <p>An exception rather than a case of {@link Submission}, because the answer cannot be given inside the
 * transaction that hit the unique key: PostgreSQL aborts a transaction at its first failed statement, so the
 * look-up that finds the other transfer must run in a new one. Marked to roll back, it also takes the XA
 * submission's doomed container transaction down with it on the way out.
 */
@ApplicationException(rollback = true)
public class ConcurrentSubmissionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentSubmissionException(String idempotencyKey) {
        super("a transfer with idempotency key " + idempotencyKey + " was inserted concurrently", null, false, false);
    }
}
