package dev.ledgerline.server.unsafe;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.ledger.submit.FieldError;
import dev.ledgerline.ledger.submit.RequestCheck;
import dev.ledgerline.ledger.submit.TransferRequest;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.idempotent.IdempotentTransferSubmission;
import dev.ledgerline.server.submit.ConcurrentSubmissionException;
import dev.ledgerline.server.submit.Submission;

/**
 * Accepts a transfer in one of the UNSAFE demonstration modes, if the server enables them: through the
 * idempotent design's outbox (transfer and outbox row in one local transaction), to {@code transfers.unsafe}.
 * The sending side is the safe one on purpose, so that what the drills show comes from the consumers alone.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UnsafeTransferSubmission {

    static final String NOT_ENABLED = "unsafe demonstration modes are not enabled on this server";

    @Inject
    LedgerSettings settings;

    @EJB
    IdempotentTransferSubmission outbox;

    /**
     * Queues the transfer, or answers with the one already made with the same idempotency key, or refuses it:
     * also, before anything is read or written, when unsafe modes are not enabled.
     *
     * @throws ConcurrentSubmissionException if a request with the same key won a race; submit again
     */
    public Submission submit(TransferRequest request, TransferMode mode) {
        if (!mode.isUnsafe()) {
            throw new IllegalArgumentException(mode.wireName() + " is not an unsafe mode");
        }
        if (!settings.unsafeModesEnabled()) {
            return new Submission.Refused(new RequestCheck.Invalid(RequestCheck.Invalid.Kind.UNPROCESSABLE,
                    List.of(new FieldError("mode", NOT_ENABLED))));
        }
        return outbox.queue(request, mode, TransferQueue.UNSAFE);
    }
}
