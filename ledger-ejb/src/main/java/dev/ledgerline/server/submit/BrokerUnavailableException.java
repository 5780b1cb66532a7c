package dev.ledgerline.server.submit;

import jakarta.ejb.ApplicationException;

/**
 * The broker did not take an XA submission's message: its connection failed (a broker that died, or one the
 * client is failing over from), at the enlistment of the session in the transaction or at the send. Marked to
 * roll back, so the transfer's row goes with the message and nothing of the request is left: the same request
 * may be made again, in a new transaction. {@link TransferSubmissions} does so once, then answers
 * {@link Submission.Unavailable}.
 */
@ApplicationException(rollback = true)
public class BrokerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String idempotencyKey, RuntimeException cause) {
        super("the broker did not take the message of the transfer with idempotency key " + idempotencyKey + ": "
                + cause, cause);
    }
}
