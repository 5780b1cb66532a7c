package dev.ledgerline.ledger;

import java.lang.reflect.Proxy;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/**
 * JMS messages as a consumer receives them, without a broker: only what the ledger's messaging code reads
 * (the body, the message id, properties) answers; anything else fails the test that calls it.
 */
final class FakeMessages {

    private FakeMessages() {
    }

    static TextMessage text(String messageId, String body, Map<String, Object> properties) {
        return (TextMessage) fake(TextMessage.class, messageId, body, properties);
    }

    static BytesMessage bytes(String messageId) {
        return (BytesMessage) fake(BytesMessage.class, messageId, null, Map.of());
    }

    private static Message fake(Class<? extends Message> type, String messageId, String body,
                                Map<String, Object> properties) {
        return (Message) Proxy.newProxyInstance(FakeMessages.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getText" -> body;
                    case "getJMSMessageID" -> messageId;
                    case "propertyExists" -> properties.containsKey((String) args[0]);
                    case "getStringProperty" -> properties.containsKey((String) args[0])
                            ? String.valueOf(properties.get((String) args[0])) : null;
                    case "getIntProperty" -> (Integer) properties.get((String) args[0]);
                    case "toString" -> "fake " + type.getSimpleName() + " " + messageId;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
