package dev.ledgerline.server.messaging;

import java.util.UUID;

import jakarta.ejb.ApplicationException;
import jakarta.jms.Message;

import dev.ledgerline.ledger.messaging.FailedDelivery;

/**
 * Applying a delivered message failed; the transaction rolls back, so the debit, the credit and the
 * acknowledgement are all undone and the broker delivers the message again after its redelivery delay.
 * Carries what could be read of the delivery so the failure can be noted outside the rolled-back transaction
 * ({@link FailedDeliveries}).
 */
@ApplicationException(rollback = true)
public class DeliveryFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final UUID transferId;
    private final int deliveryCount;

    private DeliveryFailedException(FailedDelivery delivery) {
        super("delivery " + delivery.deliveryCount() + " of transfer " + delivery.transferId() + " failed: "
                + delivery.cause(), delivery.cause());
        this.transferId = delivery.transferId();
        this.deliveryCount = delivery.deliveryCount();
    }

    /** The failure of {@code message}'s delivery, with what can be read of the message. */
    public static DeliveryFailedException of(Message message, Throwable cause) {
        return new DeliveryFailedException(FailedDelivery.of(message, cause));
    }

    /** The delivery as the note about it needs it. */
    public FailedDelivery delivery() {
        return new FailedDelivery(transferId, deliveryCount, getCause());
    }
}
