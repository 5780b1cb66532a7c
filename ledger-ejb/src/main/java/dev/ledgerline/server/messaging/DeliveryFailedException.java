package dev.ledgerline.server.messaging;

import java.util.UUID;

import jakarta.ejb.ApplicationException;

/**
 * Applying a delivered message failed; the transaction rolls back, so the debit, the credit and the
 * acknowledgement are all undone and the broker delivers the message again after its redelivery delay.
 * Carries the transfer id (when the message named one) so the failure can be recorded outside the
 * rolled-back transaction.
 */
@ApplicationException(rollback = true)
public class DeliveryFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final UUID transferId;
    private final int deliveryCount;

    public DeliveryFailedException(UUID transferId, int deliveryCount, Throwable cause) {
        super("delivery " + deliveryCount + " of transfer " + transferId + " failed: " + cause, cause);
        this.transferId = transferId;
        this.deliveryCount = deliveryCount;
    }

    /** The transfer the message named, or null if the message named none. */
    public UUID transferId() {
        return transferId;
    }

    public int deliveryCount() {
        return deliveryCount;
    }
}
