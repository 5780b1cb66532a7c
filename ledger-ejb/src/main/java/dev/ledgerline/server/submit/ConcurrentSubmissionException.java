package dev.ledgerline.server.submit;

import jakarta.ejb.ApplicationException;

/**
 * Another request with the same idempotency key inserted its transfer between our look-up and our insert.
 * The caller submits again: the second attempt finds the other request's transfer and answers with it.
 */
@ApplicationException(rollback = true)
public class ConcurrentSubmissionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentSubmissionException(String idempotencyKey) {
        super("a transfer with idempotency key " + idempotencyKey + " was inserted concurrently", null, false, false);
    }
}
