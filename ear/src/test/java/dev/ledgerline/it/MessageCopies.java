package dev.ledgerline.it;

import java.util.UUID;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;

import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerClients;

/** Second copies of an idempotent transfer's message, put straight on its queue. */
final class MessageCopies {

    private MessageCopies() {
    }

    /**
     * A copy with the transfer's own message key, as a relay that died before marking its row would send it,
     * or the broker would redeliver it.
     */
    static void sendCopy(UUID id) throws Exception {
        try (var factory = BrokerClients.connectionFactory(IntegrationSettings.brokerUrl());
             JMSContext context = factory.createContext()) {
            TextMessage copy = context.createTextMessage(id.toString());
            copy.setStringProperty(TransferMessages.MESSAGE_KEY_PROPERTY, id.toString());
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(context.createQueue(TransferQueue.IDEMPOTENT.address()), copy);
        }
    }
}
