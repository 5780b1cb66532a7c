package dev.ledgerline.server.unsafe;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

/**
 * Takes at most one message from a queue on a broker session of its own, outside any XA transaction, whose
 * local (broker-only) transaction plays the acknowledgement: the handler commits the session where its mode
 * acknowledges, or rolls it back to have the message delivered again. (The resource adapter allows neither
 * CLIENT_ACKNOWLEDGE nor {@code message.acknowledge()} on a non-XA session in a server.) The receive of both
 * unsafe consumers, the transfer one and the dead-letter one.
 */
final class TransactedReceive {

    /** What a consumer does with the message, on the session that acknowledges it. */
    @FunctionalInterface
    interface Handler {
        void handle(Message message, Session session) throws JMSException;
    }

    private TransactedReceive() {
    }

    /**
     * @param factory a connection factory that allows local session transactions
     * @return false if no message arrived within the wait
     * @throws IllegalStateException if the broker could not be reached or the session failed
     */
    static boolean takeOne(ConnectionFactory factory, String queue, long waitMillis, Handler handler) {
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            connection.start();
            Message message = consumer.receive(waitMillis);
            if (message == null) {
                return false;
            }
            handler.handle(message, session);
            return true;
        } catch (JMSException e) {
            throw new IllegalStateException("could not take a message from " + queue + ": " + e.getMessage(), e);
        }
    }
}
