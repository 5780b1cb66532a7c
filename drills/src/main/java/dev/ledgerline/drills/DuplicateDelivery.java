package dev.ledgerline.drills;

import java.util.UUID;

import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import dev.ledgerline.harness.load.History;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerClients;

/**
 * Puts second copies of already-delivered idempotent messages on {@code transfers.idempotent}, as a relay that
 * published twice (or a broker that redelivered) would: same body, same message key.
 */
final class DuplicateDelivery {

    /** Must match the property the outbox relay sets (LedgerResources.MESSAGE_KEY_PROPERTY in ledger-ejb). */
    static final String MESSAGE_KEY_PROPERTY = "ledgerlineMessageKey";

    private DuplicateDelivery() {
    }

    static int sendCopies(String brokerUrl, History history, int copies) {
        int sent = 0;
        try (ActiveMQConnectionFactory factory = BrokerClients.connectionFactory(brokerUrl);
             JMSContext context = factory.createContext()) {
            var queue = context.createQueue(TransferQueue.IDEMPOTENT.address());
            var producer = context.createProducer();
            for (UUID id : history.accepted().values()) {
                if (sent == copies) {
                    break;
                }
                TextMessage copy = context.createTextMessage(id.toString());
                copy.setStringProperty(MESSAGE_KEY_PROPERTY, id.toString());
                producer.send(queue, copy);
                sent++;
            }
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("could not send duplicate messages", e);
        }
        return sent;
    }
}
