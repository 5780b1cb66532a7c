package dev.ledgerline.ledger.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;

/**
 * Receives the messages that one transaction applies together, so that the transaction's fixed cost (with
 * two-phase commit: two prepares, the coordinator's log, two commits) is paid once for several transfers.
 *
 * <p>Sharing a transaction shares its fate: if one member fails, every member rolls back and is delivered again,
 * one attempt nearer the dead-letter queue. So that a poison message cannot take good ones down with it again and
 * again, only a message on its first delivery starts a batch or is added to one:
 * <ul>
 * <li>a batch whose first message is a redelivery is a batch of one, so a message that has failed once is next
 *     tried alone whenever it comes first;</li>
 * <li>a redelivery received as a later member ends the batch. It cannot be set aside: handing it back to the
 *     broker means rolling back its batch-mates too. It is applied as the last member, with first deliveries only
 *     before it.</li>
 * </ul>
 * A good message therefore loses at most one attempt while it is on its first delivery, and later only to a
 * batch-mate that is itself on its first delivery and fails: one attempt per distinct poison message, never the
 * broker's whole allowance to one. Why the broker cannot do this sorting: a filter cannot see a delivery count
 * (JMSXDeliveryCount is set on receive, and selecting on it is undefined in JMS).
 */
public final class DeliveryBatch {

    /** Where the messages come from: the first receive waits, the others take only what is there. */
    public interface Source {
        Message receive(long waitMillis) throws JMSException;

        Message receiveNoWait() throws JMSException;
    }

    private DeliveryBatch() {
    }

    /** A source reading from a simplified-API consumer. */
    public static Source of(JMSConsumer consumer) {
        return new Source() {
            @Override
            public Message receive(long waitMillis) {
                return consumer.receive(waitMillis);
            }

            @Override
            public Message receiveNoWait() {
                return consumer.receiveNoWait();
            }
        };
    }

    /** A source reading from a classic-API consumer. */
    public static Source of(MessageConsumer consumer) {
        return new Source() {
            @Override
            public Message receive(long waitMillis) throws JMSException {
                return consumer.receive(waitMillis);
            }

            @Override
            public Message receiveNoWait() throws JMSException {
                return consumer.receiveNoWait();
            }
        };
    }

    /**
     * @param waitMillis how long to wait for the first message (more than 0)
     * @param maxSize    the most messages one batch holds; 1 receives one message per transaction
     * @return the batch, in the order received; empty if no message came within the wait
     */
    public static List<Message> receive(Source source, long waitMillis, int maxSize) throws JMSException {
        if (waitMillis <= 0 || maxSize < 1) {
            throw new IllegalArgumentException("wait " + waitMillis + " ms and size " + maxSize + " must be positive");
        }
        Message first = source.receive(waitMillis);
        if (first == null) {
            return List.of();
        }
        List<Message> batch = new ArrayList<>(maxSize);
        batch.add(first);
        boolean open = TransferMessages.deliveryCount(first) == 1;
        while (open && batch.size() < maxSize) {
            Message next = source.receiveNoWait();
            if (next == null) {
                break;
            }
            batch.add(next);
            open = TransferMessages.deliveryCount(next) == 1;
        }
        return batch;
    }
}
