package dev.ledgerline.server.submit;

import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.submit.TransferRequest;
import dev.ledgerline.server.idempotent.IdempotentTransferSubmission;
import dev.ledgerline.server.unsafe.UnsafeTransferSubmission;
import dev.ledgerline.server.xa.XaTransferSubmission;

/**
 * Where a transfer request enters the server: hands it to the design its mode names, and answers with the
 * {@link Submission}. Holds no transaction itself, so each design's submission runs in a transaction of its
 * own (the XA one a container transaction, the others local ones), and a lost race, or a broker connection
 * that failed, is retried in a new one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TransferSubmissions {

    private static final Logger LOG = Logger.getLogger(TransferSubmissions.class.getName());

    @EJB
    XaTransferSubmission xa;

    @EJB
    IdempotentTransferSubmission idempotent;

    @EJB
    UnsafeTransferSubmission unsafe;

    public Submission submit(TransferMode mode, TransferRequest request) {
        try {
            return submitUnlessRaced(mode, request);
        } catch (BrokerUnavailableException first) {
            // The first attempt's transaction rolled back. A pooled connection that a failover of the broker
            // broke fails once and is then failed over or discarded, so the second attempt, in a new
            // transaction, usually gets one that works. A broker that is down fails both: the client is told
            // so, and may send the same request again later.
            LOG.info(() -> "submitting again: " + first.getMessage());
            try {
                return submitUnlessRaced(mode, request);
            } catch (BrokerUnavailableException second) {
                return new Submission.Unavailable(second.getMessage());
            }
        }
    }

    private Submission submitUnlessRaced(TransferMode mode, TransferRequest request) {
        try {
            return submitOnce(mode, request);
        } catch (ConcurrentSubmissionException raced) {
            // The other request with this key has committed its transfer: this attempt finds it and replays it.
            return submitOnce(mode, request);
        }
    }

    private Submission submitOnce(TransferMode mode, TransferRequest request) {
        return switch (mode) {
            case XA -> xa.submit(request);
            case IDEMPOTENT -> idempotent.submit(request);
            // Refused (field "mode") unless the server enables them.
            case AT_MOST_ONCE, AT_LEAST_ONCE_NAIVE -> unsafe.submit(request, mode);
        };
    }
}
