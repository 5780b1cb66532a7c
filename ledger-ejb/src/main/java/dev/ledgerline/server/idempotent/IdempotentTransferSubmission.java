package dev.ledgerline.server.idempotent;

import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.ledger.store.LocalTransaction;
import dev.ledgerline.ledger.store.OutboxStore;
import dev.ledgerline.ledger.store.TransferStore;
import dev.ledgerline.ledger.submit.IntakeDecision;
import dev.ledgerline.ledger.submit.TransferIntake;
import dev.ledgerline.ledger.submit.TransferRequest;
import dev.ledgerline.ledger.submit.TransferRequestValidator;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.observe.TransferLog;
import dev.ledgerline.server.submit.ConcurrentSubmissionException;
import dev.ledgerline.server.submit.Submission;

/**
 * Accepts a transfer in idempotent mode: the QUEUED row and its outbox row commit in one local database
 * transaction; the broker is not involved yet. The {@link OutboxRelay} publishes the message afterwards,
 * at least once, so the transfer cannot be accepted without its message eventually being sent.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdempotentTransferSubmission {

    @Resource(lookup = LedgerResources.LOCAL_DATA_SOURCE)
    DataSource dataSource;

    @Inject
    LedgerSettings settings;

    @Inject
    TransferLog log;

    @EJB
    OutboxRelay relay;

    private final TransferStore transfers = new TransferStore();
    private final OutboxStore outbox = new OutboxStore();
    private TransferIntake intake;

    @PostConstruct
    void createIntake() {
        intake = new TransferIntake(new TransferRequestValidator(settings.maxTransferAmount()), Clock.systemUTC());
    }

    /**
     * Queues the transfer, or answers with the one already made with the same idempotency key, or refuses it;
     * a refusal writes nothing.
     *
     * @throws ConcurrentSubmissionException if a request with the same key won a race; submit again
     */
    public Submission submit(TransferRequest request) {
        return queue(request, TransferMode.IDEMPOTENT, TransferQueue.IDEMPOTENT);
    }

    /**
     * Queues a transfer of {@code mode} through the outbox, for the relay to publish to {@code destination}.
     * The unsafe demonstration modes are sent this way too: their flaws are on the consuming side. Every
     * refusal is decided before anything is written, so a refused submission commits nothing.
     *
     * @throws ConcurrentSubmissionException if a request with the same key won a race; submit again
     */
    public Submission queue(TransferRequest request, TransferMode mode, TransferQueue destination) {
        IntakeDecision decision;
        try {
            decision = LocalTransaction.run(dataSource, c -> {
                IntakeDecision d = intake.decide(c, request, mode);
                if (d instanceof IntakeDecision.Accept accept) {
                    Transfer t = accept.transfer();
                    transfers.insert(c, t);
                    outbox.insert(c, t.id(), destination.address(), t.id().toString(), t.createdAt());
                }
                return d;
            });
        } catch (SQLException e) {
            if (TransferStore.isDuplicate(e)) {
                throw new ConcurrentSubmissionException(request.idempotencyKey());
            }
            throw new IllegalStateException("could not store a transfer for key " + request.idempotencyKey() + ": "
                    + e.getMessage(), e);
        }
        if (decision instanceof IntakeDecision.Refuse refuse) {
            return new Submission.Refused(refuse.problem());
        }
        if (decision instanceof IntakeDecision.Replay replay) {
            return new Submission.Replayed(replay.transfer());
        }
        Transfer accepted = ((IntakeDecision.Accept) decision).transfer();
        if (mode == TransferMode.IDEMPOTENT) {
            // Transfer and outbox row are committed; the relay has not published, the client has no answer.
            CrashPoints.reach(CrashPoint.IDEMPOTENT_AFTER_SUBMIT_COMMIT);
        }
        relay.wake();
        log.afterCommit(accepted);
        return new Submission.Created(accepted);
    }
}
