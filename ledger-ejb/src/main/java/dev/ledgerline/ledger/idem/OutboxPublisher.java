package dev.ledgerline.ledger.idem;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;

import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.messaging.LedgerResources;
import dev.ledgerline.ledger.store.OutboxMessage;
import dev.ledgerline.ledger.store.OutboxStore;

/**
 * One pass of the outbox relay: claim the oldest unpublished rows (committed at once, so another relay
 * skips them), send each as a persistent message, and mark it published. No XA: a crash between the send
 * and the mark publishes the row again after the claim expires, and the consumer's processed-message
 * record makes that second copy change nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxPublisher {

    @Resource(lookup = LedgerResources.LOCAL_DATA_SOURCE)
    DataSource dataSource;

    /** Outside a container transaction this factory gives plain, non-transacted sessions. */
    @Resource(lookup = LedgerResources.XA_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    private final OutboxStore outbox = new OutboxStore();
    private final Clock clock = Clock.systemUTC();

    /**
     * @param lease how long the claim keeps other relays off the rows: long enough for one batch of
     *              synchronous sends; rows of a relay that died are published again once it expires
     * @return how many rows were published (zero when there was nothing to publish)
     */
    public int publishBatch(String claimant, int limit, Duration lease) {
        try {
            List<OutboxMessage> claimed = LocalTransaction.run(dataSource,
                    c -> outbox.claim(c, claimant, clock.instant(), lease, limit));
            if (claimed.isEmpty()) {
                return 0;
            }
            try (JMSContext context = connectionFactory.createContext()) {
                // Persistent sends are synchronous: when send returns, the broker has the message on disk.
                JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
                for (OutboxMessage row : claimed) {
                    TextMessage message = context.createTextMessage(row.payload());
                    message.setStringProperty(LedgerResources.MESSAGE_KEY_PROPERTY, messageKey(row.transferId()));
                    message.setStringProperty(LedgerResources.MODE_PROPERTY, row.mode().wireName());
                    producer.send(context.createQueue(row.destination()), message);
                    if (row.mode() == TransferMode.IDEMPOTENT) {
                        // The broker has the message on disk; the row still says it is unpublished.
                        CrashPoints.reach(CrashPoint.IDEM_AFTER_PUBLISH);
                    }
                    LocalTransaction.run(dataSource, c -> outbox.markPublished(c, row.id(), claimant, clock.instant()));
                }
            }
            return claimed.size();
        } catch (SQLException | jakarta.jms.JMSException e) {
            throw new IllegalStateException("outbox relay pass failed: " + e.getMessage(), e);
        }
    }

    /** The key the consumer deduplicates on: stable across every copy the relay may publish. */
    static String messageKey(UUID transferId) {
        return transferId.toString();
    }
}
