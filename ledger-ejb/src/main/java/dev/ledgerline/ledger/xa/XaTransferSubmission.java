package dev.ledgerline.ledger.xa;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
import jakarta.jms.Queue;

import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.messaging.LedgerResources;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.service.ConcurrentSubmissionException;
import dev.ledgerline.ledger.service.LedgerSettings;
import dev.ledgerline.ledger.service.Submission;
import dev.ledgerline.ledger.service.TransferLog;
import dev.ledgerline.ledger.service.TransferRefusedException;
import dev.ledgerline.ledger.store.TransferStore;
import dev.ledgerline.ledger.submit.FieldError;
import dev.ledgerline.ledger.submit.RequestCheck;
import dev.ledgerline.ledger.submit.TransferOrder;
import dev.ledgerline.ledger.submit.TransferRequest;
import dev.ledgerline.ledger.submit.TransferRequestValidator;

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
    private final Clock clock = Clock.systemUTC();
    private TransferRequestValidator validator;

    @PostConstruct
    void createValidator() {
        validator = new TransferRequestValidator(settings.maxTransferAmount());
    }

    /**
     * Queues the transfer, or returns the one already made with the same idempotency key.
     *
     * @throws TransferRefusedException      if a field is invalid, or the key was used for another transfer
     * @throws ConcurrentSubmissionException if a request with the same key won a race; submit again
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Submission submit(TransferRequest request) {
        TransferOrder order = valid(validator.checkFields(request));
        Transfer transfer;
        try (Connection c = dataSource.getConnection()) {
            Optional<Transfer> existing = transfers.findByIdempotencyKey(c, order.idempotencyKey());
            if (existing.isPresent()) {
                return new Submission(sameOrder(existing.get(), order), false);
            }
            valid(validator.checkAccounts(c, order));
            transfer = new Transfer(UUID.randomUUID(), order.idempotencyKey(), TransferMode.XA, order.fromAccount(),
                    order.toAccount(), order.amount(), TransferStatus.QUEUED, null, null, 0, clock.instant(), null);
            transfers.insert(c, transfer);
        } catch (SQLException e) {
            if (TransferStore.isDuplicate(e)) {
                throw new ConcurrentSubmissionException(order.idempotencyKey());
            }
            throw new IllegalStateException("could not store transfer " + order + ": " + e.getMessage(), e);
        }
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(queue, TransferMessages.create(context, transfer.id()));
        }
        log.afterCommit(transfer);
        return new Submission(transfer, true);
    }

    private static TransferOrder valid(RequestCheck check) {
        if (check instanceof RequestCheck.Invalid invalid) {
            throw new TransferRefusedException(invalid);
        }
        return ((RequestCheck.Valid) check).order();
    }

    /** A repeated key must repeat the same request; the same key for other details is a client bug. */
    private static Transfer sameOrder(Transfer existing, TransferOrder order) {
        boolean same = existing.fromAccount().equals(order.fromAccount())
                && existing.toAccount().equals(order.toAccount())
                && existing.amount().equals(order.amount())
                && existing.mode() == TransferMode.XA;
        if (!same) {
            throw new TransferRefusedException(new RequestCheck.Invalid(RequestCheck.Invalid.Kind.UNPROCESSABLE,
                    List.of(new FieldError("idempotencyKey", "was already used for transfer " + existing.id()
                            + " with different details"))));
        }
        return existing;
    }
}
