package dev.ledgerline.server.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.server.observe.TransferMetrics;

/**
 * A batch of received transfer messages, each read into what its consumer applies, before any database work: a
 * message that cannot be read fails the batch at once, as its own failure. A later failure is laid at the door
 * of the member that caused it, so that it is noted against that message and not its batch-mates'.
 *
 * @param <T> what each message is read into
 */
public final class ReceivedBatch<T> {

    /** Reads one message. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Message message) throws JMSException;
    }

    private final List<Message> messages;
    private final List<T> items;

    private ReceivedBatch(List<Message> messages, List<T> items) {
        this.messages = messages;
        this.items = items;
    }

    /**
     * Counts each delivery and reads each message.
     *
     * @throws DeliveryFailedException naming the first message that could not be read
     */
    public static <T> ReceivedBatch<T> read(List<Message> messages, TransferMode mode, TransferMetrics metrics,
                                            Reader<T> reader) {
        List<T> items = new ArrayList<>(messages.size());
        for (Message message : messages) {
            try {
                metrics.delivered(mode, TransferMessages.deliveryCount(message));
                items.add(reader.read(message));
            } catch (JMSException | RuntimeException e) {
                throw DeliveryFailedException.of(message, e);
            }
        }
        return new ReceivedBatch<>(List.copyOf(messages), List.copyOf(items));
    }

    /** What the messages were read into, in the order received. */
    public List<T> items() {
        return items;
    }

    /** The failure of the first member that {@code member} matches (of the first member, if none does). */
    public DeliveryFailedException failed(Predicate<T> member, Throwable cause) {
        for (int i = 0; i < items.size(); i++) {
            if (member.test(items.get(i))) {
                return DeliveryFailedException.of(messages.get(i), cause);
            }
        }
        return failedWhole(cause);
    }

    /**
     * A failure no member caused, as when the connection itself failed: every member is delivered again, and the
     * failure is noted against the first.
     */
    public DeliveryFailedException failedWhole(Throwable cause) {
        return DeliveryFailedException.of(messages.get(0), cause);
    }
}
