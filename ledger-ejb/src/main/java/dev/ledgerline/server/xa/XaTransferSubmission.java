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
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;

import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.store.TransferStore;
import dev.ledgerline.ledger.submit.IntakeDecision;
import dev.ledgerline.ledger.submit.TransferIntake;
import dev.ledgerline.ledger.submit.TransferRequest;
import dev.ledgerline.ledger.submit.TransferRequestValidator;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.observe.TransferLog;
import dev.ledgerline.server.submit.BrokerUnavailableException;
import dev.ledgerline.server.submit.ConcurrentSubmissionException;
import dev.ledgerline.server.submit.Submission;

/**
 * Accepts a transfer in XA mode: the QUEUED row and the message to {@code transfers.xa} are written in one
 * container transaction that spans the database and the broker, so either both exist or neither does.
 */
@Stateless
public class XaTransferSubmission {

    @Resource(lookup = LedgerResources.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = LedgerResources.XA_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = LedgerResources.XA_QUEUE)
    Queue queue;

    @Inject
    LedgerSettings settings;

    @Inject
    TransferLog log;

    private final TransferStore transfers = new TransferStore();
    private TransferIntake intake;

    @PostConstruct
    void createIntake() {
        intake = new TransferIntake(new TransferRequestValidator(settings.maxTransferAmount()), Clock.systemUTC());
    }

    /**
     * Queues the transfer, or answers with the one already made with the same idempotency key, or refuses it.
     * Every refusal is decided before anything is written, so a refused submission's transaction commits
     * nothing.
     *
     * @throws ConcurrentSubmissionException if a request with the same key won a race; submit again
     * @throws BrokerUnavailableException if the broker did not take the message; nothing is left of the request
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Submission submit(TransferRequest request) {
        Transfer transfer;
        try (Connection c = dataSource.getConnection()) {
            IntakeDecision decision = intake.decide(c, request, TransferMode.XA);
            if (decision instanceof IntakeDecision.Refuse refuse) {
                return new Submission.Refused(refuse.problem());
            }
            if (decision instanceof IntakeDecision.Replay replay) {
                return new Submission.Replayed(replay.transfer());
            }
            transfer = ((IntakeDecision.Accept) decision).transfer();
            transfers.insert(c, transfer);
        } catch (SQLException e) {
            if (TransferStore.isDuplicate(e)) {
                throw new ConcurrentSubmissionException(request.idempotencyKey());
            }
            throw new IllegalStateException("could not store a transfer for key " + request.idempotencyKey() + ": "
                    + e.getMessage(), e);
        }
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(queue, TransferMessages.create(context, transfer.id()));
        } catch (JMSRuntimeException e) {
            // Rolls the row back with the message; the caller may try again, with a connection that works.
            throw new BrokerUnavailableException(request.idempotencyKey(), e);
        }
        log.afterCommit(transfer);
        return new Submission.Created(transfer);
    }
}
