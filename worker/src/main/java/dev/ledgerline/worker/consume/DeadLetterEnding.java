package dev.ledgerline.worker.consume;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.messaging.DeadLetters;
import dev.ledgerline.ledger.messaging.TransferQueue;

/**
 * Takes the dead letters of {@code transfers.xa.dlq}: records each and ends its transfer FAILED with a reason,
 * in the same XA transaction as the consumption of the dead letter, as the server's dead-letter processor does
 * with the same {@link DeadLetters} rule. A transfer is then never left QUEUED with no message to drive it,
 * and no dead letter goes unrecorded.
 */
public final class DeadLetterEnding implements MessageHandler {

    private static final Logger LOG = Logger.getLogger(DeadLetterEnding.class.getName());

    private final DeadLetters deadLetters;

    /** @param appliedBy this worker, recorded with the status of each transfer this ends */
    public DeadLetterEnding(Clock clock, AppliedBy appliedBy) {
        this.deadLetters = new DeadLetters(TransferQueue.XA, clock, appliedBy);
    }

    @Override
    public Optional<Transfer> handle(Connection c, Message message) throws JMSException, SQLException {
        return deadLetters.end(c, message);
    }

    @Override
    public void failed(Message message, Exception failure) {
        LOG.warning("could not end the transfer of a dead letter; it returns to the dead-letter queue: " + failure);
    }
}
