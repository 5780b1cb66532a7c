package dev.ledgerline.ledger.apply;

import java.util.UUID;

/**
 * A message names a transfer the database does not show. With two-phase commit this happens for a moment
 * when the broker's branch of the submitting transaction commits before the database's: the caller rolls
 * back so that the message is delivered again later, when the row is there.
 */
public class TransferNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final UUID transferId;

    public TransferNotFoundException(UUID transferId) {
        super("transfer " + transferId + " is not in the database (yet)");
        this.transferId = transferId;
    }

    public UUID transferId() {
        return transferId;
    }
}
