package dev.ledgerline.server.xa;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.messaging.DeadLetters;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.observe.TransferLog;

/**
 * Ends the XA transfers whose messages the broker gave up on. The broker moves a message to
 * {@code transfers.xa.dlq} after its last failed delivery; this records the dead letter and marks its transfer
 * FAILED ({@link DeadLetters}) in the same XA transaction as the consumption of the dead letter, so a transfer
 * is never left QUEUED with no message to drive it, and no dead letter goes unrecorded.
 */
@Stateless
public class XaDeadLetterProcessor {

    @Resource(lookup = LedgerResources.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = LedgerResources.XA_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = LedgerResources.XA_DEAD_LETTER_QUEUE)
    Queue deadLetters;

    @Inject
    TransferLog log;

    @Inject
    LedgerSettings settings;

    private DeadLetters ending;

    @PostConstruct
    void create() {
        ending = new DeadLetters(TransferQueue.XA, Clock.systemUTC(), settings.appliedBy(Coordinator.LIBERTY_TM));
    }

    /** @return false if no dead letter arrived within the wait */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean failNext(long waitMillis) {
        try (JMSContext context = connectionFactory.createContext();
             JMSConsumer consumer = context.createConsumer(deadLetters)) {
            Message message = consumer.receive(waitMillis);
            if (message == null) {
                return false;
            }
            try (Connection c = dataSource.getConnection()) {
                ending.end(c, message).ifPresent(log::afterCommit);
            }
            return true;
        } catch (JMSException | SQLException e) {
            throw new IllegalStateException("could not process a dead letter: " + e.getMessage(), e);
        }
    }
}
