package dev.ledgerline.ledger.messaging;

import java.util.UUID;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * A delivery whose transaction failed and rolled back, as far as its message can still be read: the note
 * about it must be written even when the message is what failed.
 *
 * @param transferId    the transfer the message names, or null if it names none (or cannot be read)
 * @param deliveryCount the broker's count of this delivery, or 0 if it cannot be read
 * @param cause         why the delivery failed
 */
public record FailedDelivery(UUID transferId, int deliveryCount, Throwable cause) {

    /** Reads what it can of {@code message}; never throws for a message it cannot read. */
    public static FailedDelivery of(Message message, Throwable cause) {
        return new FailedDelivery(transferIdOrNull(message), deliveryCountOrZero(message), cause);
    }

    /** The cause as the transfer's last error shows it: its type and message, without a stack trace. */
    public String error() {
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static UUID transferIdOrNull(Message message) {
        try {
            return TransferMessages.transferId(message);
        } catch (MalformedTransferMessageException | JMSException e) {
            return null;
        }
    }

    private static int deliveryCountOrZero(Message message) {
        try {
            return TransferMessages.deliveryCount(message);
        } catch (JMSException e) {
            return 0;
        }
    }
}
