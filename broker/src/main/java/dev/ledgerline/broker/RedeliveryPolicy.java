package dev.ledgerline.broker;

/**
 * How the broker redelivers a message whose consumer rolled back, and when it gives up and moves the message
 * to the dead-letter queue. Applied to every transfer queue, so that the XA and the idempotent designs are
 * compared under the same failure behaviour.
 *
 * @param maxDeliveryAttempts deliveries before the message goes to the dead-letter address
 * @param redeliveryDelayMillis wait before the first redelivery
 * @param redeliveryMultiplier factor applied to the wait after each further failure
 * @param maxRedeliveryDelayMillis ceiling for the growing wait
 */
public record RedeliveryPolicy(int maxDeliveryAttempts, long redeliveryDelayMillis, double redeliveryMultiplier,
                               long maxRedeliveryDelayMillis) {

    /*
     * The defaults: 8 deliveries, waits of 1, 2, 4, 8, 10, 10, 10 s (about 45 s). Sized for crashes, not only
     * for poison: a message whose transfer waits on row locks that a crashed coordinator's prepared branch
     * holds until recovery presumes abort (20 s and more in the worker) must not be dead-lettered before
     * recovery has run. A poison message still reaches its dead-letter queue, under a minute later.
     */
    public static final int DEFAULT_MAX_DELIVERY_ATTEMPTS = 8;
    public static final long DEFAULT_REDELIVERY_DELAY_MS = 1000;
    public static final long DEFAULT_MAX_REDELIVERY_DELAY_MS = 10_000;

    public RedeliveryPolicy {
        // A poison message must end in the dead-letter queue; Artemis reads -1 as "redeliver forever".
        if (maxDeliveryAttempts < 1) {
            throw new IllegalArgumentException("max delivery attempts must be at least 1, was " + maxDeliveryAttempts);
        }
        if (redeliveryDelayMillis < 0) {
            throw new IllegalArgumentException("redelivery delay must not be negative, was " + redeliveryDelayMillis);
        }
        if (redeliveryMultiplier < 1.0) {
            throw new IllegalArgumentException("redelivery multiplier must be at least 1.0, was " + redeliveryMultiplier);
        }
        if (maxRedeliveryDelayMillis < redeliveryDelayMillis) {
            throw new IllegalArgumentException("max redelivery delay " + maxRedeliveryDelayMillis
                    + " ms is below the redelivery delay " + redeliveryDelayMillis + " ms");
        }
    }
}
