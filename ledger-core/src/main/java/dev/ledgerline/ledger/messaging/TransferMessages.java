package dev.ledgerline.ledger.messaging;

import java.util.UUID;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/**
 * The message that carries a transfer: a text message whose body is the transfer id. Everything else about
 * the transfer is read from the database, which is the system of record; the message only says "apply it".
 */
public final class TransferMessages {

    private TransferMessages() {
    }

    public static TextMessage create(JMSContext context, UUID transferId) {
        return context.createTextMessage(transferId.toString());
    }

    /** @throws MalformedTransferMessageException if the message does not carry a transfer id */
    public static UUID transferId(Message message) throws JMSException {
        if (message instanceof TextMessage text && text.getText() != null) {
            try {
                return UUID.fromString(text.getText().trim());
            } catch (IllegalArgumentException notAnId) {
                throw new MalformedTransferMessageException(message.getJMSMessageID(), "body is not a transfer id");
            }
        }
        throw new MalformedTransferMessageException(message.getJMSMessageID(),
                "expected a text message with a transfer id, got " + message.getClass().getSimpleName());
    }

    /** How many times the broker has delivered this message, this delivery included. */
    public static int deliveryCount(Message message) throws JMSException {
        return message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
    }
}
