package dev.ledgerline.server.messaging;

import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import dev.ledgerline.ledger.messaging.DeliveryBatch;

/**
 * Takes messages from a queue on a broker session of its own, outside any XA transaction, whose local
 * (broker-only) transaction plays the acknowledgement: the handler commits the session to acknowledge what it
 * took, or rolls it back to have it delivered again. (The resource adapter allows neither CLIENT_ACKNOWLEDGE nor
 * {@code message.acknowledge()} on a non-XA session in a server.) The receive of the idempotent design's
 * consumer, which takes a batch, and of both unsafe consumers, which take one message.
 */
public final class TransactedReceive {

    /** What a consumer does with one message, on the session that acknowledges it. */
    @FunctionalInterface
    public interface Handler {
        void handle(Message message, Session session) throws JMSException;
    }

    /** What a consumer does with a batch, on the session that acknowledges all of it. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<Message> batch, Session session) throws JMSException;
    }

    private TransactedReceive() {
    }

    /**
     * @param factory a connection factory that allows local session transactions
     * @return false if no message arrived within the wait
     * @throws IllegalStateException if the broker could not be reached or the session failed
     */
    public static boolean takeOne(ConnectionFactory factory, String queue, long waitMillis, Handler handler) {
        return takeBatch(factory, queue, waitMillis, 1, (batch, session) -> handler.handle(batch.get(0), session));
    }

    /**
     * Takes a batch as {@link DeliveryBatch} makes it: up to {@code maxSize} messages, first deliveries together,
     * a redelivery alone or last.
     *
     * @param factory a connection factory that allows local session transactions
     * @return false if no message arrived within the wait
     * @throws IllegalStateException if the broker could not be reached or the session failed
     */
    public static boolean takeBatch(ConnectionFactory factory, String queue, long waitMillis, int maxSize,
                                    BatchHandler handler) {
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            connection.start();
            List<Message> batch = DeliveryBatch.receive(DeliveryBatch.of(consumer), waitMillis, maxSize);
            if (batch.isEmpty()) {
                return false;
            }
            handler.handle(batch, session);
            return true;
        } catch (JMSException e) {
            throw new IllegalStateException("could not take messages from " + queue + ": " + e.getMessage(), e);
        }
    }
}
