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

import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.DeadLetter;
import dev.ledgerline.ledger.domain.DeadLetterReason;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.store.DeadLetterStore;
import dev.ledgerline.ledger.store.LocalTransaction;
import dev.ledgerline.ledger.store.TransferStore;

/**
 * What a dead-letter consumer does with a message the broker gave up on, or that a sender put straight onto a
 * dead-letter queue: it records the dead letter with the reason it could not be applied
 * ({@link DeadLetterStore}, shown by {@code GET /api/dead-letters}), and, if it names a QUEUED transfer, ends
 * that transfer FAILED with the last recorded error as the reason. Every dead-letter consumer uses it (the
 * server's three, the worker's one), each in its own kind of transaction: {@link #end} joins the caller's (XA)
 * transaction on the connection it passes, {@link #endInLocalTransaction} commits a local one of its own.
 * Either way the transaction commits before the dead letter is acknowledged, so no record is lost; and a dead
 * letter delivered again finds its record and changes nothing, so none is recorded, or ended, twice.
 *
 * <p>Whatever a message holds, reading it here does not throw: a body or a property that cannot be used is a
 * reason to record. Only the broker or the database failing makes {@link #end} throw, and the dead letter
 * then returns to its queue to be taken again.
 */
public final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());
    /** The column {@code dead_letter.body_excerpt}: enough to recognise a body, never the whole of a large one. */
    private static final int EXCERPT_LENGTH = 100;
    /** The column {@code dead_letter.detail}. */
    private static final int DETAIL_LENGTH = 500;
    /** The column {@code dead_letter.queue_name} and {@code original_queue}, and the message id's. */
    private static final int NAME_LENGTH = 100;
    /** Set by the broker on the copy it moves to a dead-letter address: the address it was moved from. */
    private static final String ORIGINAL_ADDRESS_PROPERTY = "_AMQ_ORIG_ADDRESS";

    private final TransferStore transfers = new TransferStore();
    private final DeadLetterStore records = new DeadLetterStore();
    private final TransferQueue queue;
    private final Clock clock;
    private final AppliedBy appliedBy;

    /**
     * @param queue     the transfer queue whose dead-letter queue this consumes: its consumer's checks apply
     * @param appliedBy the process consuming, recorded with the status of each transfer this ends
     */
    public DeadLetters(TransferQueue queue, Clock clock, AppliedBy appliedBy) {
        this.queue = queue;
        this.clock = clock;
        this.appliedBy = appliedBy;
    }

    /**
     * Records the dead letter and ends its transfer in a local transaction of its own on {@code plain},
     * committed when this returns: the caller acknowledges the dead letter only then.
     *
     * @return the transfer as it now stands, when this dead letter ended it
     * @throws IllegalStateException if the broker failed while the dead letter was read; nothing is committed
     */
    public Optional<Transfer> endInLocalTransaction(DataSource plain, Message message) throws SQLException {
        return LocalTransaction.run(plain, c -> {
            try {
                return end(c, message);
            } catch (JMSException e) {
                throw new IllegalStateException("could not read a dead letter: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Records the dead letter and ends its transfer on the caller's connection, in the caller's transaction;
     * commits nothing.
     *
     * @return the transfer as it now stands, when this dead letter ended it
     */
    public Optional<Transfer> end(Connection c, Message message) throws JMSException, SQLException {
        Instant now = clock.instant();
        UUID transferId;
        try {
            transferId = TransferMessages.transferId(message);
            checkProperties(message);
        } catch (MalformedTransferMessageException e) {
            record(c, message, null, e.reason(), e.problem(), now);
            return Optional.empty();
        }
        Optional<Transfer> found = transfers.findForUpdate(c, transferId);
        if (found.isEmpty()) {
            record(c, message, transferId, DeadLetterReason.UNKNOWN_TRANSFER,
                    "names transfer " + transferId + ", which the ledger does not hold", now);
            return Optional.empty();
        }
        Transfer t = found.get();
        if (t.status().isFinal()) {
            record(c, message, transferId, DeadLetterReason.TRANSFER_ALREADY_ENDED,
                    "names transfer " + transferId + ", which had already ended " + t.status(), now);
            return Optional.empty();
        }
        String reason = "message dead-lettered after " + t.failedAttempts() + " failed deliveries"
                + (t.lastError() == null ? "" : "; last error: " + t.lastError());
        if (!record(c, message, transferId, DeadLetterReason.TRANSFER_FAILED, reason, now)) {
            // An earlier delivery of this dead letter was recorded in a transaction that committed: whatever
            // it did stands, and a second delivery does nothing.
            return Optional.empty();
        }
        transfers.finish(c, transferId, TransferStatus.FAILED, reason, now, appliedBy);
        return Optional.of(t.finished(TransferStatus.FAILED, reason, now, appliedBy));
    }

    /** The properties this queue's consumer reads besides the body: a message it would refuse is malformed. */
    private void checkProperties(Message message) throws JMSException {
        switch (queue) {
            case IDEMPOTENT -> TransferMessages.messageKey(message);
            case UNSAFE -> TransferMessages.mode(message);
            case XA -> {
                // The XA consumer reads the body alone.
            }
        }
    }

    /**
     * Records the dead letter unless it is recorded already; a rejected message is a WARNING, in one line.
     *
     * @return true if this recorded it, false if an earlier delivery of it had
     */
    private boolean record(Connection c, Message message, UUID transferId, DeadLetterReason reason, String detail,
                           Instant now) throws JMSException, SQLException {
        DeadLetter d = new DeadLetter(0, queue.deadLetterAddress(), originalQueue(message),
                SafeText.of(message.getJMSMessageID(), NAME_LENGTH), transferId, reason, SafeText.of(detail, DETAIL_LENGTH),
                deliveryCount(message), excerpt(message), now);
        if (!records.recordFirst(c, d)) {
            LOG.info("dead letter " + d.brokerMessageId() + " on " + d.queue() + " was recorded before; consumed");
            return false;
        }
        String line = "dead letter " + d.brokerMessageId() + " on " + d.queue()
                + (d.originalQueue() == null ? " (sent straight to it)" : " from " + d.originalQueue())
                + " recorded: " + reason + ", " + d.detail();
        if (reason == DeadLetterReason.TRANSFER_FAILED) {
            LOG.info(line);
        } else {
            LOG.warning(line);
        }
        return true;
    }

    private static String originalQueue(Message message) {
        try {
            return SafeText.of(message.getStringProperty(ORIGINAL_ADDRESS_PROPERTY), NAME_LENGTH);
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }

    private static int deliveryCount(Message message) {
        try {
            return TransferMessages.deliveryCount(message);
        } catch (JMSException | RuntimeException e) {
            return 1;
        }
    }

    /** The start of a text body, sanitized; only the start is ever copied, however large the body. */
    private static String excerpt(Message message) throws JMSException {
        if (!(message instanceof TextMessage text) || text.getText() == null) {
            return null;
        }
        String body = text.getText();
        return SafeText.of(body.substring(0, Math.min(body.length(), EXCERPT_LENGTH + 1)), EXCERPT_LENGTH);
    }
}
