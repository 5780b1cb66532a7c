package dev.ledgerline.worker.consume;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.LockingTransferApplier;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.messaging.FailedDelivery;
import dev.ledgerline.ledger.messaging.FailedDeliveryNotes;
import dev.ledgerline.ledger.messaging.TransferMessages;

/**
 * Applies the transfer a message from {@code transfers.xa} names, with the same ledger code as the server's
 * XA consumer: {@link LockingTransferApplier} under row locks, inside the consumer's XA transaction; and
 * notes a failed delivery as the server does ({@link FailedDeliveryNotes}).
 */
public final class TransferApplication implements MessageHandler {

    private final LockingTransferApplier applier;
    private final DataSource plain;
    private final FailedDeliveryNotes notes = new FailedDeliveryNotes();

    /**
     * @param appliedBy this worker, recorded with each transfer's final status
     * @param plain     a non-XA data source, for the note about a failed delivery made after the rollback
     */
    public TransferApplication(Clock clock, AppliedBy appliedBy, DataSource plain) {
        this.applier = new LockingTransferApplier(clock, appliedBy);
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
        notes.record(plain, FailedDelivery.of(message, failure));
    }
}
