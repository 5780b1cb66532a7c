package dev.ledgerline.server.unsafe;

import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.NaiveTransferApplier;
import dev.ledgerline.ledger.apply.VersionedTransferApplier;
import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.domain.DeadLetterReason;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.messaging.MalformedTransferMessageException;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.ledger.store.LocalTransaction;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.messaging.DeliveryFailedException;
import dev.ledgerline.server.messaging.FailedDeliveries;
import dev.ledgerline.server.messaging.TransactedReceive;
import dev.ledgerline.server.observe.TransferLog;
import dev.ledgerline.server.observe.TransferMetrics;

/**
 * UNSAFE, demonstration controls: the consumer of {@code transfers.unsafe}. It receives one message outside
 * any XA transaction, on a session whose local (broker-only) transaction it commits to acknowledge the
 * message, and handles the message by the mode it carries. Where each mode acknowledges is its flaw:
 * <ul>
 * <li>{@code at-most-once} acknowledges, then applies (versioned, in a local database transaction). A crash
 * or a failure after the acknowledgement loses the transfer: its message is gone and it stays QUEUED.</li>
 * <li>{@code at-least-once-naive} applies with the {@link NaiveTransferApplier} (no processed-message record,
 * no status check, unconditional balance updates), commits, then acknowledges. A crash between the commit
 * and the acknowledgement makes the broker deliver the message again, and the balances move twice.</li>
 * </ul>
 * The broker commit is a blocking call: an acknowledgement has reached the broker when it returns; why a
 * session transaction plays the acknowledgement is said in {@link TransactedReceive}. A failure before the
 * acknowledgement rolls the session back, so the broker delivers the message again after its delay and,
 * after the last attempt, moves it to {@code transfers.unsafe.dlq}.
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

    @Inject
    TransferMetrics metrics;

    @EJB
    FailedDeliveries failures;

    @Inject
    LedgerSettings settings;

    private VersionedTransferApplier versioned;
    private NaiveTransferApplier naive;

    /** No coordinator: each mode's database work is a local transaction, apart from the broker's. */
    @PostConstruct
    void create() {
        AppliedBy appliedBy = settings.appliedBy(Coordinator.NONE);
        versioned = new VersionedTransferApplier(Clock.systemUTC(), appliedBy);
        naive = new NaiveTransferApplier(Clock.systemUTC(), appliedBy);
    }

    /** @return false if no message arrived within the wait */
    public boolean takeNext(long waitMillis) {
        return TransactedReceive.takeOne(connectionFactory, TransferQueue.UNSAFE.address(), waitMillis,
                (message, session) -> {
                    try {
                        handle(message, session);
                    } catch (DeliveryFailedException e) {
                        failures.record(e);
                        // Not acknowledged: the broker delivers it again after its delay, and dead-letters it
                        // after the last attempt.
                        session.rollback();
                    }
                });
    }

    private void handle(Message message, Session session) {
        try {
            UUID transferId = TransferMessages.transferId(message);
            TransferMode mode = TransferMessages.mode(message);
            metrics.delivered(mode, TransferMessages.deliveryCount(message));
            switch (mode) {
                case AT_MOST_ONCE -> acknowledgeThenApply(session, transferId);
                case AT_LEAST_ONCE_NAIVE -> applyThenAcknowledge(session, transferId);
                default -> throw new MalformedTransferMessageException(message.getJMSMessageID(),
                        DeadLetterReason.WRONG_PROPERTY,
                        "mode " + mode.wireName() + " is not consumed from " + TransferQueue.UNSAFE.address());
            }
        } catch (JMSException | SQLException | RuntimeException e) {
            throw DeliveryFailedException.of(message, e);
        }
    }

    private void acknowledgeThenApply(Session session, UUID transferId) throws JMSException {
        // UNSAFE: the broker forgets the message here, before any of its work is done.
        session.commit();
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

    private void applyThenAcknowledge(Session session, UUID transferId) throws JMSException, SQLException {
        ApplyOutcome outcome = LocalTransaction.run(dataSource, c -> naive.apply(c, transferId));
        log.afterCommit(outcome.transfer());
        CrashPoints.reach(CrashPoint.UNSAFE_AFTER_COMMIT_BEFORE_ACK);
        session.commit();
    }
}
