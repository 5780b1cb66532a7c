package dev.ledgerline.ledger.messaging;

import java.util.Optional;
import java.util.UUID;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import dev.ledgerline.ledger.domain.DeadLetterReason;
import dev.ledgerline.ledger.domain.TransferMode;

/**
 * The message that carries a transfer: a text message whose body is the transfer id. Everything else about
 * the transfer is read from the database, which is the system of record; the message only says "apply it".
 * The outbox relay adds two properties, {@value #MESSAGE_KEY_PROPERTY} and {@value #MODE_PROPERTY}. Whatever
 * else arrives on a transfer queue is refused here with a {@link MalformedTransferMessageException} naming why.
 */
public final class TransferMessages {

    /** JMS property carrying the key the idempotent consumer deduplicates on, set by the outbox relay. */
    public static final String MESSAGE_KEY_PROPERTY = "ledgerlineMessageKey";
    /** JMS property carrying the transfer's mode (its wire name), set by the outbox relay on every message. */
    public static final String MODE_PROPERTY = "ledgerlineMode";
    /** The longest message key: the column {@code processed_message.message_key} holds no more. */
    public static final int MAX_MESSAGE_KEY_LENGTH = 100;
    /**
     * The longest body read as a transfer id (36 characters, with room for whitespace around it). Anything
     * longer is refused before it is parsed: a body of megabytes is not a transfer id however it ends.
     */
    public static final int MAX_BODY_LENGTH = 100;

    private TransferMessages() {
    }

    public static TextMessage create(JMSContext context, UUID transferId) {
        return context.createTextMessage(transferId.toString());
    }

    /**
     * The transfer id the body holds, in the canonical form {@link UUID#toString()} writes (the lenient
     * {@link UUID#fromString} would also take {@code 1-2-3-4-5}).
     *
     * @throws MalformedTransferMessageException if the message does not carry a transfer id
     */
    public static UUID transferId(Message message) throws JMSException {
        if (!(message instanceof TextMessage text)) {
            throw new MalformedTransferMessageException(message.getJMSMessageID(), DeadLetterReason.WRONG_MESSAGE_TYPE,
                    "expected a text message with a transfer id, got " + kind(message));
        }
        String body = text.getText();
        if (body == null || body.isBlank()) {
            throw new MalformedTransferMessageException(message.getJMSMessageID(), DeadLetterReason.UNREADABLE_BODY,
                    "body is empty");
        }
        if (body.length() > MAX_BODY_LENGTH) {
            throw new MalformedTransferMessageException(message.getJMSMessageID(), DeadLetterReason.TOO_LARGE,
                    "body of " + body.length() + " characters; a transfer id has 36");
        }
        String trimmed = body.trim();
        try {
            UUID id = UUID.fromString(trimmed);
            if (id.toString().equalsIgnoreCase(trimmed)) {
                return id;
            }
        } catch (IllegalArgumentException notAnId) {
            // Refused below, as a body that is not in the canonical form.
        }
        throw new MalformedTransferMessageException(message.getJMSMessageID(), DeadLetterReason.UNREADABLE_BODY,
                "body is not a transfer id");
    }

    /**
     * The key the idempotent consumer deduplicates on: the relay's {@value #MESSAGE_KEY_PROPERTY}, or the
     * transfer id for a message sent without one.
     *
     * @throws MalformedTransferMessageException if the key is blank or too long, or if the message has no key
     *                                           and does not carry a transfer id
     */
    public static String messageKey(Message message) throws JMSException {
        if (!message.propertyExists(MESSAGE_KEY_PROPERTY)) {
            return transferId(message).toString();
        }
        String key = message.getStringProperty(MESSAGE_KEY_PROPERTY);
        if (key == null || key.isBlank() || key.length() > MAX_MESSAGE_KEY_LENGTH) {
            throw new MalformedTransferMessageException(message.getJMSMessageID(), DeadLetterReason.WRONG_PROPERTY,
                    "property " + MESSAGE_KEY_PROPERTY + " is blank or longer than " + MAX_MESSAGE_KEY_LENGTH
                            + " characters");
        }
        return key;
    }

    /**
     * The mode the relay wrote in {@value #MODE_PROPERTY}; read only where the consumer decides by it (the unsafe
     * demonstration modes).
     *
     * @throws MalformedTransferMessageException if the property is missing or names no mode
     */
    public static TransferMode mode(Message message) throws JMSException {
        Optional<TransferMode> mode = TransferMode.fromWireName(message.getStringProperty(MODE_PROPERTY));
        if (mode.isEmpty()) {
            throw new MalformedTransferMessageException(message.getJMSMessageID(), DeadLetterReason.WRONG_PROPERTY,
                    "property " + MODE_PROPERTY + " is missing or names no mode");
        }
        return mode.get();
    }

    /** How many times the broker has delivered this message, this delivery included. */
    public static int deliveryCount(Message message) throws JMSException {
        return message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
    }

    /** The kind of a message that is not a text message, in words. */
    private static String kind(Message message) {
        if (message instanceof BytesMessage) {
            return "a bytes message";
        }
        if (message instanceof MapMessage) {
            return "a map message";
        }
        if (message instanceof ObjectMessage) {
            return "an object message";
        }
        if (message instanceof StreamMessage) {
            return "a stream message";
        }
        return "a message without a body";
    }
}
