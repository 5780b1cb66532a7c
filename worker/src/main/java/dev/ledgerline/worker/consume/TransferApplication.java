package dev.ledgerline.worker.consume;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.LockingTransferApplier;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.messaging.MalformedTransferMessageException;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.store.TransferStore;

/**
 * Applies the transfer a message from {@code transfers.xa} names, with the same ledger code as the server's
 * XA consumer: {@link LockingTransferApplier} under row locks, inside the consumer's XA transaction.
 */
public final class TransferApplication implements MessageHandler {

    private static final Logger LOG = Logger.getLogger(TransferApplication.class.getName());

    private final LockingTransferApplier applier;
    private final DataSource plain;
    private final TransferStore transfers = new TransferStore();

    /** @param plain a non-XA data source, for the note about a failed delivery made after the rollback */
    public TransferApplication(Clock clock, DataSource plain) {
        this.applier = new LockingTransferApplier(clock);
        this.plain = plain;
    }

    @Override
    public Optional<Transfer> handle(Connection c, Message message) throws JMSException, SQLException {
        ApplyOutcome outcome = applier.apply(c, TransferMessages.transferId(message));
        // A repeated delivery of a finished transfer changes nothing, so it gets no line.
        return outcome instanceof ApplyOutcome.AlreadyFinal ? Optional.empty() : Optional.of(outcome.transfer());
    }

    /**
     * Notes why the delivery failed on the transfer, in its own auto-committed update: the transaction that
     * failed has rolled back, and a transfer that ends on the dead-letter queue must be able to say why.
     */
    @Override
    public void failed(Message message, Exception failure) {
        UUID transferId = transferIdOrNull(message);
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        // A failure is expected to repeat until the redelivery limit; the stack trace is logged at FINE.
        LOG.warning("delivery " + deliveryCount(message) + " of transfer " + transferId
                + " rolled back and will be redelivered: " + error);
        LOG.log(Level.FINE, "delivery failure", failure);
        if (transferId == null) {
            return;
        }
        try (Connection c = plain.getConnection()) {
            transfers.recordFailedAttempt(c, transferId, error);
        } catch (SQLException e) {
            LOG.warning("could not record the failed delivery of transfer " + transferId + ": " + e.getMessage());
        }
    }

    private static UUID transferIdOrNull(Message message) {
        try {
            return TransferMessages.transferId(message);
        } catch (MalformedTransferMessageException | JMSException e) {
            return null;
        }
    }

    private static int deliveryCount(Message message) {
        try {
            return TransferMessages.deliveryCount(message);
        } catch (JMSException e) {
            return 0;
        }
    }
}
