package dev.ledgerline.ledger.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * The record of one dead letter taken from a dead-letter queue, whatever it held: what the ledger did with it
 * and why it could not be applied. Every field that came from the message is bounded and sanitized before it
 * gets here ({@code dev.ledgerline.ledger.messaging.DeadLetters}), so a hostile body cannot become stored
 * script or overflow a column.
 *
 * @param id              the database's id; 0 before it is stored
 * @param queue           the dead-letter queue it was taken from, e.g. {@code transfers.xa.dlq}
 * @param originalQueue   the queue the broker dead-lettered it from, or null if it was sent straight onto the
 *                        dead-letter queue (the broker's own property; a sender could forge it)
 * @param brokerMessageId the JMS message id, or null if the sender disabled message ids
 * @param transferId      the transfer it named, or null if it named none
 * @param reason          why it could not be applied
 * @param detail          the reason in words
 * @param deliveryCount   how many times the dead-letter queue had delivered it when it was recorded (more than 1
 *                        only if a dead-letter consumer failed on it before)
 * @param bodyExcerpt     the start of a text body, sanitized, or null for a message without a text body
 * @param receivedAt      when it was recorded
 */
public record DeadLetter(long id, String queue, String originalQueue, String brokerMessageId, UUID transferId,
                         DeadLetterReason reason, String detail, int deliveryCount, String bodyExcerpt,
                         Instant receivedAt) {
}
