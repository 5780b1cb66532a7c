package dev.ledgerline.server.unsafe;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.submit.FieldError;
import dev.ledgerline.ledger.submit.RequestCheck;
import dev.ledgerline.ledger.submit.TransferRequest;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.idempotent.IdempotentTransferSubmission;
import dev.ledgerline.server.submit.ConcurrentSubmissionException;
import dev.ledgerline.server.submit.Submission;
import dev.ledgerline.server.submit.TransferRefusedException;

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
     * @throws TransferRefusedException      if unsafe modes are not enabled (nothing is written), a field is
     *                                       invalid, or the key was used for another transfer
     * @throws ConcurrentSubmissionException if a request with the same key won a race; submit again
     */
    public Submission submit(TransferRequest request, TransferMode mode) {
        if (!mode.isUnsafe()) {
            throw new IllegalArgumentException(mode.wireName() + " is not an unsafe mode");
        }
        if (!settings.unsafeModesEnabled()) {
            throw new TransferRefusedException(new RequestCheck.Invalid(RequestCheck.Invalid.Kind.UNPROCESSABLE,
                    List.of(new FieldError("mode", NOT_ENABLED))));
        }
        return outbox.queue(request, mode, LedgerResources.UNSAFE_QUEUE_NAME);
    }
}
