package dev.ledgerline.ledger.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.store.LocalTransaction;
import dev.ledgerline.ledger.store.TransferStore;

/**
 * Ends the transfer of a message the broker gave up on: FAILED, with the last recorded error as the reason.
 * Every dead-letter consumer uses it (the server's three, the worker's one), each in its own kind of
 * transaction: {@link #end} joins the caller's (XA) transaction on the connection it passes,
 * {@link #endInLocalTransaction} commits a local one of its own. Either way the transaction commits before the
 * dead letter is acknowledged. Only a QUEUED transfer is ended, so a dead letter delivered twice is harmless.
 */
public final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    private final TransferStore transfers = new TransferStore();
    private final Clock clock;

    public DeadLetters(Clock clock) {
        this.clock = clock;
    }

    /**
     * Ends the dead letter's transfer in a local transaction of its own on {@code plain}, committed when this
     * returns: the caller acknowledges the dead letter only then.
     *
     * @return the transfer as it now stands, when this dead letter ended it
     * @throws IllegalStateException if the dead letter cannot be read; nothing is committed
     */
    public Optional<Transfer> endInLocalTransaction(DataSource plain, Message message) throws SQLException {
        return LocalTransaction.run(plain, c -> {
            try {
                return end(c, message);
            } catch (JMSException e) {
                throw new IllegalStateException("unreadable dead letter: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Ends the dead letter's transfer on the caller's connection, in the caller's transaction; commits nothing.
     *
     * @return the transfer as it now stands, when this dead letter ended it
     */
    public Optional<Transfer> end(Connection c, Message message) throws JMSException, SQLException {
        Instant now = clock.instant();
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
