package dev.ledgerline.ledger.unsafe;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.NaiveTransferApplier;
import dev.ledgerline.ledger.apply.VersionedTransferApplier;
import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.idem.LocalTransaction;
import dev.ledgerline.ledger.messaging.DeliveryFailedException;
import dev.ledgerline.ledger.messaging.FailedDeliveries;
import dev.ledgerline.ledger.messaging.LedgerResources;
import dev.ledgerline.ledger.messaging.MalformedTransferMessageException;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.service.TransferLog;

/**
 * UNSAFE, demonstration controls: the consumer of {@code transfers.unsafe}. It receives one message outside
 * any transaction, on a session where each message is acknowledged by hand, and handles it by the mode the
 * message carries. Where each mode acknowledges is its flaw:
 * <ul>
 * <li>{@code at-most-once} acknowledges, then applies (versioned, in a local transaction). A crash or a
 * failure after the acknowledgement loses the transfer: its message is gone and it stays QUEUED.</li>
 * <li>{@code at-least-once-naive} applies with the {@link NaiveTransferApplier} (no processed-message record,
 * no status check, unconditional balance updates), commits, then acknowledges. A crash between the commit
 * and the acknowledgement makes the broker deliver the message again, and the balances move twice.</li>
 * </ul>
 * A failure before the acknowledgement acknowledges nothing and recovers the session, so the broker delivers
 * the message again after its delay and, after the last attempt, moves it to {@code transfers.unsafe.dlq}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UnsafeTransferProcessor {

    private static final Logger LOG = Logger.getLogger(UnsafeTransferProcessor.class.getName());

    @Resource(lookup = LedgerResources.LOCAL_DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = LedgerResources.UNSAFE_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    TransferLog log;

    @EJB
    FailedDeliveries failures;

    private final VersionedTransferApplier versioned = new VersionedTransferApplier(Clock.systemUTC());
    private final NaiveTransferApplier naive = new NaiveTransferApplier(Clock.systemUTC());

    /** @return false if no message arrived within the wait */
    public boolean takeNext(long waitMillis) {
        try (JMSContext context = connectionFactory.createContext(LedgerResources.ACKNOWLEDGE_EACH_MESSAGE);
             JMSConsumer consumer = context.createConsumer(context.createQueue(LedgerResources.UNSAFE_QUEUE_NAME))) {
            Message message = consumer.receive(waitMillis);
            if (message == null) {
                return false;
            }
            try {
                handle(message);
            } catch (DeliveryFailedException e) {
                failures.record(e);
                // Hand the unacknowledged message back now rather than when this pooled session is closed.
                context.recover();
            }
            return true;
        }
    }

    private void handle(Message message) {
        UUID transferId = null;
        int deliveryCount = 0;
        try {
            deliveryCount = TransferMessages.deliveryCount(message);
            transferId = TransferMessages.transferId(message);
            TransferMode mode = modeOf(message);
            switch (mode) {
                case AT_MOST_ONCE -> acknowledgeThenApply(message, transferId);
                case AT_LEAST_ONCE_NAIVE -> applyThenAcknowledge(message, transferId);
                default -> throw new MalformedTransferMessageException(message.getJMSMessageID(),
                        "mode " + mode.wireName() + " is not consumed from " + LedgerResources.UNSAFE_QUEUE_NAME);
            }
        } catch (JMSException | SQLException | RuntimeException e) {
            throw new DeliveryFailedException(transferId, deliveryCount, e);
        }
    }

    private void acknowledgeThenApply(Message message, UUID transferId) throws JMSException {
        // UNSAFE: the broker forgets the message here, before any of its work is done.
        message.acknowledge();
        CrashPoints.reach(CrashPoint.UNSAFE_AFTER_ACK_BEFORE_APPLY);
        try {
            ApplyOutcome outcome = LocalTransaction.run(dataSource, c -> versioned.apply(c, transferId));
            if (!(outcome instanceof ApplyOutcome.AlreadyFinal)) {
                log.afterCommit(outcome.transfer());
            }
        } catch (SQLException | RuntimeException e) {
            // Nothing will deliver it again: this is the loss at-most-once exists to show.
            LOG.warning("at-most-once (UNSAFE): transfer " + transferId + " was acknowledged and then failed to"
                    + " apply; its message is gone and it stays QUEUED: " + e);
        }
    }

    private void applyThenAcknowledge(Message message, UUID transferId) throws JMSException, SQLException {
        ApplyOutcome outcome = LocalTransaction.run(dataSource, c -> naive.apply(c, transferId));
        log.afterCommit(outcome.transfer());
        CrashPoints.reach(CrashPoint.UNSAFE_AFTER_COMMIT_BEFORE_ACK);
        message.acknowledge();
    }

    private static TransferMode modeOf(Message message) throws JMSException {
        String wireName = message.getStringProperty(LedgerResources.MODE_PROPERTY);
        Optional<TransferMode> mode = TransferMode.fromWireName(wireName);
        if (mode.isEmpty()) {
            throw new MalformedTransferMessageException(message.getJMSMessageID(),
                    "property " + LedgerResources.MODE_PROPERTY + " is '" + wireName + "', not a mode");
        }
        return mode.get();
    }
}
