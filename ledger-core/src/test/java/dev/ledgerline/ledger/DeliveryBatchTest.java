package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import jakarta.jms.Message;

import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.messaging.DeliveryBatch;

class DeliveryBatchTest {

    /** A queue as one consumer sees it: messages in order, each with the delivery count the broker gave it. */
    private static final class Queue implements DeliveryBatch.Source {
        private final Deque<Message> messages = new ArrayDeque<>();
        int waits;

        Queue with(String id, int deliveryCount) {
            messages.add(FakeMessages.text(id, "{}", Map.of("JMSXDeliveryCount", deliveryCount)));
            return this;
        }

        @Override
        public Message receive(long waitMillis) {
            waits++;
            return messages.poll();
        }

        @Override
        public Message receiveNoWait() {
            return messages.poll();
        }
    }

    private static List<String> ids(List<Message> batch) {
        return batch.stream().map(m -> {
            try {
                return m.getJMSMessageID();
            } catch (jakarta.jms.JMSException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void firstDeliveriesShareABatchUpToItsSize() throws Exception {
        var queue = new Queue().with("a", 1).with("b", 1).with("c", 1).with("d", 1);

        assertThat(ids(DeliveryBatch.receive(queue, 1000, 3))).containsExactly("a", "b", "c");
        assertThat(ids(DeliveryBatch.receive(queue, 1000, 3))).containsExactly("d");
        assertThat(queue.waits).as("only a batch's first receive waits").isEqualTo(2);
    }

    @Test
    void aRedeliveryThatComesFirstRunsAlone() throws Exception {
        var queue = new Queue().with("failed-once", 2).with("b", 1).with("c", 1);

        assertThat(ids(DeliveryBatch.receive(queue, 1000, 8))).containsExactly("failed-once");
        assertThat(ids(DeliveryBatch.receive(queue, 1000, 8))).containsExactly("b", "c");
    }

    @Test
    void aRedeliveryReceivedLaterEndsItsBatchWithOnlyFirstDeliveriesBeforeIt() throws Exception {
        var queue = new Queue().with("a", 1).with("failed-once", 2).with("c", 1);

        assertThat(ids(DeliveryBatch.receive(queue, 1000, 8))).containsExactly("a", "failed-once");
        assertThat(ids(DeliveryBatch.receive(queue, 1000, 8))).containsExactly("c");
    }

    @Test
    void anEmptyQueueGivesAnEmptyBatchAndASizeOfOneOneMessage() throws Exception {
        assertThat(DeliveryBatch.receive(new Queue(), 1000, 8)).isEmpty();
        assertThat(ids(DeliveryBatch.receive(new Queue().with("a", 1).with("b", 1), 1000, 1))).containsExactly("a");
    }

    @Test
    void aWaitOfZeroWhichJmsReadsAsForeverIsRefused() {
        assertThatThrownBy(() -> DeliveryBatch.receive(new Queue(), 0, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryBatch.receive(new Queue(), 1000, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
