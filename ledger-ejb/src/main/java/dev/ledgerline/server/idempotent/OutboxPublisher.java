package dev.ledgerline.server.idempotent;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.store.LocalTransaction;
import dev.ledgerline.ledger.store.OutboxMessage;
import dev.ledgerline.ledger.store.OutboxStore;
import dev.ledgerline.server.config.LedgerResources;

/**
 * One pass of the outbox relay: claim the oldest unpublished rows (committed at once, so another relay
 * skips them), send them as persistent messages in one broker transaction, and mark them published in one
 * database transaction. No XA: a crash between the broker's commit and the mark publishes the rows again
 * after the claim expires, and the consumer's processed-message record makes those copies change nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxPublisher {

    @Resource(lookup = LedgerResources.LOCAL_DATA_SOURCE)
    DataSource dataSource;

    /** Outside a container transaction, this factory's sessions may be transacted on the broker alone. */
    @Resource(lookup = LedgerResources.RELAY_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    private final OutboxStore outbox = new OutboxStore();
    private final Clock clock = Clock.systemUTC();

    /**
     * @param lease how long the claim keeps other relays off the rows: long enough for one batch; rows of a
     *              relay that died are published again once it expires
     * @return how many rows were published (zero when there was nothing to publish)
     */
    public int publishBatch(String claimant, int limit, Duration lease) {
        try {
            List<OutboxMessage> claimed = LocalTransaction.run(dataSource,
                    c -> outbox.claim(c, claimant, clock.instant(), lease, limit));
            if (claimed.isEmpty()) {
                return 0;
            }
            // A transacted Session, not a JMSContext: the adapter refuses JMSContext.SESSION_TRANSACTED
            // (AMQ159005) even where it allows local transactions.
            try (Connection connection = connectionFactory.createConnection();
                 Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                 MessageProducer producer = session.createProducer(null)) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (OutboxMessage row : claimed) {
                    TextMessage message = session.createTextMessage(row.payload());
                    message.setStringProperty(TransferMessages.MESSAGE_KEY_PROPERTY, messageKey(row.transferId()));
                    message.setStringProperty(TransferMessages.MODE_PROPERTY, row.mode().wireName());
                    producer.send(session.createQueue(row.destination()), message);
                }
                // One blocking commit, one journal sync on the broker, for the whole batch; the sends before
                // it do not wait. Until it returns, no consumer sees any of the batch.
                session.commit();
            }
            if (claimed.stream().anyMatch(row -> row.mode() == TransferMode.IDEMPOTENT)) {
                // The broker has the messages on disk; the rows still say they are unpublished.
                CrashPoints.reach(CrashPoint.IDEMPOTENT_AFTER_PUBLISH);
            }
            Instant now = clock.instant();
            LocalTransaction.run(dataSource, c -> {
                for (OutboxMessage row : claimed) {
                    outbox.markPublished(c, row.id(), claimant, now);
                }
                return claimed.size();
            });
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
