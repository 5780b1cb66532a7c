package dev.ledgerline.ledger.domain;

/**
 * Why a dead letter could not be applied, in the few kinds an operator acts on differently: a sender that
 * writes garbage (the first four), a message for a transfer the ledger never held or has finished with, or a
 * transfer whose deliveries kept failing and which the dead letter ended FAILED.
 */
public enum DeadLetterReason {

    /** A text message whose body is empty or not a transfer id. */
    UNREADABLE_BODY,
    /** Not a text message: bytes, a map, an object, a stream, or a message without a body. */
    WRONG_MESSAGE_TYPE,
    /** A property the queue's consumer reads is there but unusable (a blank or overlong key, an unknown mode). */
    WRONG_PROPERTY,
    /** A body far larger than a transfer id, whatever it holds. */
    TOO_LARGE,
    /** A well-formed message naming a transfer the ledger does not hold. */
    UNKNOWN_TRANSFER,
    /** A well-formed message naming a transfer that had already ended: nothing left to end. */
    TRANSFER_ALREADY_ENDED,
    /** The transfer's deliveries kept failing until the broker gave up; the dead letter ended it FAILED. */
    TRANSFER_FAILED
}
