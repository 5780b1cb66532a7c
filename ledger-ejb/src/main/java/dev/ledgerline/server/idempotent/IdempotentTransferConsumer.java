package dev.ledgerline.server.idempotent;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.idempotent.ProcessingResult;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.server.messaging.DeliveryFailedException;
import dev.ledgerline.server.messaging.FailedDeliveries;
import dev.ledgerline.server.observe.TransferLog;
import dev.ledgerline.server.observe.TransferMetrics;

/**
 * The idempotent consumer of {@code transfers.idempotent}. Bean-managed and without a container transaction, so
 * nothing here is XA: the processor commits a local transaction (processed-message record, versioned
 * updates, entries, status) and returns, and only then does the resource adapter acknowledge the message.
 * A crash in between redelivers it, and the record turns the redelivery into a no-op. A failure throws, so
 * the broker redelivers after its delay and, after the last attempt, dead-letters the message.
 *
 * <p>The queue is bound in server.xml (activation spec {@code ledgerline/ledgerline-ejb/IdempotentTransferConsumer}).
 */
@MessageDriven(name = "IdempotentTransferConsumer")
@TransactionManagement(TransactionManagementType.BEAN)
public class IdempotentTransferConsumer implements MessageListener {

    @Inject
    IdempotentProcessing processing;

    @Inject
    TransferLog log;

    @Inject
    TransferMetrics metrics;

    @EJB
    FailedDeliveries failures;

    @Override
    public void onMessage(Message message) {
        try {
            metrics.delivered(TransferMode.IDEMPOTENT, TransferMessages.deliveryCount(message));
            ProcessingResult result = processing.processor().process(TransferMessages.messageKey(message),
                    TransferMessages.transferId(message));
            metrics.processed(TransferMode.IDEMPOTENT, result);
            if (result instanceof ProcessingResult.Applied applied && !(applied.outcome() instanceof ApplyOutcome.AlreadyFinal)) {
                log.afterCommit(applied.outcome().transfer());
            }
            // Committed; the resource adapter acknowledges only once onMessage has returned.
            CrashPoints.reach(CrashPoint.IDEMPOTENT_AFTER_COMMIT_BEFORE_ACK);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(message, e);
        } catch (Exception e) {
            throw failed(message, e);
        }
    }

    private DeliveryFailedException failed(Message message, Exception cause) {
        DeliveryFailedException failure = DeliveryFailedException.of(message, cause);
        failures.record(failure);
        return failure;
    }
}
