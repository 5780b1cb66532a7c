package dev.ledgerline.ledger.xa;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import javax.sql.DataSource;

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
import jakarta.jms.TextMessage;

import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.messaging.LedgerResources;
import dev.ledgerline.ledger.messaging.MalformedTransferMessageException;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.service.TransferLog;
import dev.ledgerline.ledger.store.TransferStore;

/**
 * Ends the transfers whose messages the broker gave up on. The broker moves a message to
 * {@code transfers.xa.dlq} after its last failed delivery; this marks the transfer FAILED with the last
 * recorded error, in the same XA transaction as the consumption of the dead letter, so a transfer is never
 * left QUEUED with no message to drive it.
 */
@Stateless
public class XaDeadLetterProcessor {

    private static final Logger LOG = Logger.getLogger(XaDeadLetterProcessor.class.getName());

    @Resource(lookup = LedgerResources.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = LedgerResources.XA_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = LedgerResources.XA_DEAD_LETTER_QUEUE)
    Queue deadLetters;

    @Inject
    TransferLog log;

    private final TransferStore transfers = new TransferStore();
    private final Clock clock = Clock.systemUTC();

    /** @return false if no dead letter arrived within the wait */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean failNext(long waitMillis) {
        try (JMSContext context = connectionFactory.createContext();
             JMSConsumer consumer = context.createConsumer(deadLetters)) {
            Message message = consumer.receive(waitMillis);
            if (message == null) {
                return false;
            }
            fail(message);
            return true;
        } catch (JMSException | SQLException e) {
            throw new IllegalStateException("could not process a dead letter: " + e.getMessage(), e);
        }
    }

    private void fail(Message message) throws JMSException, SQLException {
        UUID transferId;
        try {
            transferId = TransferMessages.transferId(message);
        } catch (MalformedTransferMessageException e) {
            // Not a transfer: nothing in the ledger to end. Its content goes to the log, then it is consumed.
            LOG.warning("consumed a dead letter that is not a transfer message: " + e.getMessage() + "; body: "
                    + (message instanceof TextMessage text ? text.getText() : message.getClass().getSimpleName()));
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            Optional<Transfer> transfer = transfers.findForUpdate(c, transferId);
            if (transfer.isEmpty()) {
                LOG.severe("dead letter for transfer " + transferId + ", which the ledger does not hold; consumed");
                return;
            }
            Transfer t = transfer.get();
            if (t.status().isFinal()) {
                LOG.info("dead letter for " + t.describe() + " consumed; it had already ended");
                return;
            }
            String reason = "message dead-lettered after " + t.failedAttempts() + " failed deliveries"
                    + (t.lastError() == null ? "" : "; last error: " + t.lastError());
            Instant now = clock.instant();
            transfers.finish(c, transferId, TransferStatus.FAILED, reason, now);
            log.afterCommit(t.finished(TransferStatus.FAILED, reason, now));
        }
    }
}
