package dev.ledgerline.ledger.messaging;

import java.util.UUID;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/**
 * The message that carries a transfer: a text message whose body is the transfer id. Everything else about
 * the transfer is read from the database, which is the system of record; the message only says "apply it".
 * The outbox relay adds two properties, {@value #MESSAGE_KEY_PROPERTY} and {@value #MODE_PROPERTY}.
 */
public final class TransferMessages {

    /** JMS property carrying the key the idempotent consumer deduplicates on, set by the outbox relay. */
    public static final String MESSAGE_KEY_PROPERTY = "ledgerlineMessageKey";
    /** JMS property carrying the transfer's mode (its wire name), set by the outbox relay on every message. */
    public static final String MODE_PROPERTY = "ledgerlineMode";

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

    /**
     * The key the idempotent consumer deduplicates on: the relay's {@value #MESSAGE_KEY_PROPERTY}, or the
     * transfer id for a message sent without one.
     *
     * @throws MalformedTransferMessageException if the message has no key and does not carry a transfer id
     */
    public static String messageKey(Message message) throws JMSException {
        return message.propertyExists(MESSAGE_KEY_PROPERTY)
                ? message.getStringProperty(MESSAGE_KEY_PROPERTY) : transferId(message).toString();
    }

    /** How many times the broker has delivered this message, this delivery included. */
    public static int deliveryCount(Message message) throws JMSException {
        return message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
    }
}
