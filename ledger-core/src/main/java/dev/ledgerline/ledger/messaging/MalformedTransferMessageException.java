package dev.ledgerline.ledger.messaging;

/** A message on a transfer queue that names no transfer: it can never succeed and ends on the dead-letter queue. */
public class MalformedTransferMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedTransferMessageException(String messageId, String problem) {
        super("message " + messageId + " is not a transfer message: " + problem);
    }
}
