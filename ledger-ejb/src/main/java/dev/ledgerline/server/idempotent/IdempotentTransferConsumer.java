package dev.ledgerline.server.idempotent;

import java.sql.SQLException;
import java.util.List;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.BatchMemberFailedException;
import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.idempotent.ConflictRetriesExhaustedException;
import dev.ledgerline.ledger.idempotent.IdempotentTransferProcessor.Delivery;
import dev.ledgerline.ledger.idempotent.ProcessingResult;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.messaging.DeliveryFailedException;
import dev.ledgerline.server.messaging.FailedDeliveries;
import dev.ledgerline.server.messaging.ReceivedBatch;
import dev.ledgerline.server.messaging.TransactedReceive;
import dev.ledgerline.server.observe.TransferLog;
import dev.ledgerline.server.observe.TransferMetrics;

/**
 * The idempotent consumer of {@code transfers.idempotent}: receives a batch of messages on a broker session of
 * its own ({@link TransactedReceive}), processes them in one local database transaction (processed-message
 * records, postings, statuses) and commits it, and only then commits the broker session, which acknowledges the
 * batch. Nothing here is XA, and no container transaction is open. A crash between the two commits redelivers the
 * batch, and the records turn each redelivery into a no-op. A failure rolls the session back, so the broker
 * delivers every member again after its delay and, after a member's last attempt, dead-letters it.
 *
 * <p>The batch follows the XA consumer's rule ({@code dev.ledgerline.ledger.messaging.DeliveryBatch}): first
 * deliveries together, a redelivery alone or last, so one poison message cannot take good ones to the
 * dead-letter queue. Why a polling consumer and not a message-driven bean: the resource adapter hands a bean one
 * message per transaction, and acknowledges it when {@code onMessage} returns.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdempotentTransferConsumer {

    @Resource(lookup = LedgerResources.IDEMPOTENT_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    IdempotentProcessing processing;

    @Inject
    TransferLog log;

    @Inject
    TransferMetrics metrics;

    @Inject
    LedgerSettings settings;

    @EJB
    FailedDeliveries failures;

    /**
     * Receives a batch (up to {@code ledgerline.idempotent.batch-size}) and processes it.
     *
     * @return false if no message arrived within the wait
     * @throws IllegalStateException if the broker could not be reached or its commit failed; what the database
     *                               committed stays committed, and the redelivered batch is skipped by its records
     */
    public boolean consumeNext(long waitMillis) {
        return TransactedReceive.takeBatch(connectionFactory, TransferQueue.IDEMPOTENT.address(), waitMillis,
                settings.idempotentBatchSize(), (messages, session) -> {
                    try {
                        process(messages);
                    } catch (DeliveryFailedException e) {
                        failures.record(e);
                        session.rollback();
                        return;
                    }
                    CrashPoints.reach(CrashPoint.IDEMPOTENT_AFTER_COMMIT_BEFORE_ACK);
                    session.commit();
                });
    }

    private void process(List<Message> messages) {
        ReceivedBatch<Delivery> batch = ReceivedBatch.read(messages, TransferMode.IDEMPOTENT, metrics,
                message -> new Delivery(TransferMessages.messageKey(message), TransferMessages.transferId(message)));
        List<ProcessingResult> results;
        try {
            results = processing.processor().processAll(batch.items());
        } catch (BatchMemberFailedException e) {
            throw batch.failed(delivery -> delivery.transferId().equals(e.transferId()), e.getCause());
        } catch (ConflictRetriesExhaustedException e) {
            throw batch.failed(delivery -> delivery.transferId().equals(e.transferId()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw batch.failedWhole(e);
        } catch (SQLException | RuntimeException e) {
            // A batch of one: its own failure; a larger batch: the connection or the commit failed.
            throw batch.failedWhole(e);
        }
        for (ProcessingResult result : results) {
            metrics.processed(TransferMode.IDEMPOTENT, result);
            if (result instanceof ProcessingResult.Applied applied
                    && !(applied.outcome() instanceof ApplyOutcome.AlreadyFinal)) {
                log.afterCommit(applied.outcome().transfer());
            }
        }
    }
}
