package dev.ledgerline.ledger.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.store.TransferStore;

/**
 * Ends the transfer of a message the broker gave up on: FAILED, with the last recorded error as the reason.
 * Both designs use it; each in its own kind of transaction, on the connection it passes.
 */
public final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    private final TransferStore transfers = new TransferStore();

    /** @return the transfer as it now stands, when this dead letter ended it */
    public Optional<Transfer> fail(Connection c, Message message, Instant now) throws JMSException, SQLException {
        UUID transferId;
        try {
            transferId = TransferMessages.transferId(message);
        } catch (MalformedTransferMessageException e) {
            // Not a transfer: nothing in the ledger to end. Its content goes to the log, then it is consumed.
            LOG.warning("consumed a dead letter that is not a transfer message: " + e.getMessage() + "; body: "
                    + (message instanceof TextMessage text ? text.getText() : message.getClass().getSimpleName()));
            return Optional.empty();
        }
        Optional<Transfer> found = transfers.findForUpdate(c, transferId);
        if (found.isEmpty()) {
            LOG.severe("dead letter for transfer " + transferId + ", which the ledger does not hold; consumed");
            return Optional.empty();
        }
        Transfer t = found.get();
        if (t.status().isFinal()) {
            LOG.info("dead letter for " + t.describe() + " consumed; it had already ended");
            return Optional.empty();
        }
        String reason = "message dead-lettered after " + t.failedAttempts() + " failed deliveries"
                + (t.lastError() == null ? "" : "; last error: " + t.lastError());
        transfers.finish(c, transferId, TransferStatus.FAILED, reason, now);
        return Optional.of(t.finished(TransferStatus.FAILED, reason, now));
    }
}
