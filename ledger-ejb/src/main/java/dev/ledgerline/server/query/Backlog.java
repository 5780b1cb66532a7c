package dev.ledgerline.server.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueBrowser;

import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.ledger.store.OutboxStore;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;

/**
 * What is waiting that should not wait long: outbox rows the relay has not published yet, and messages on
 * the dead-letter queues that the dead-letter consumers have not taken yet. Read outside any transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Backlog {

    @Resource(lookup = LedgerResources.LOCAL_DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = LedgerResources.XA_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    LedgerSettings settings;

    private final OutboxStore outbox = new OutboxStore();
    private final Clock clock = Clock.systemUTC();

    /** Outbox rows created before now and not yet published (the idempotent and unsafe designs' sending side). */
    public long outboxBacklog() {
        try (Connection c = dataSource.getConnection()) {
            return outbox.countUnpublishedOlderThan(c, clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the outbox backlog: " + e.getMessage(), e);
        }
    }

    /**
     * Messages a queue browser sees on each dead-letter queue, by queue. A browser sees the messages ready for
     * delivery: not one a consumer holds in its transaction at that moment. The dead-letter consumers take each
     * message within a second, so a depth that stays above zero means they are not keeping up, or failing.
     */
    public Map<String, Long> deadLetterDepths() {
        // transfers.unsafe.dlq only when unsafe modes are on: otherwise nothing sends to it, or takes from it.
        List<TransferQueue> queues = settings.unsafeModesEnabled()
                ? List.of(TransferQueue.values())
                : List.of(TransferQueue.XA, TransferQueue.IDEMPOTENT);
        Map<String, Long> depths = new LinkedHashMap<>();
        try (JMSContext context = connectionFactory.createContext()) {
            for (TransferQueue queue : queues) {
                String deadLetters = queue.deadLetterAddress();
                try (QueueBrowser browser = context.createBrowser(context.createQueue(deadLetters))) {
                    @SuppressWarnings("unchecked")
                    Enumeration<Object> messages = browser.getEnumeration();
                    depths.put(deadLetters, (long) Collections.list(messages).size());
                }
            }
        } catch (JMSException | JMSRuntimeException e) {
            throw new IllegalStateException("could not browse the dead-letter queues: " + e.getMessage(), e);
        }
        return depths;
    }
}
