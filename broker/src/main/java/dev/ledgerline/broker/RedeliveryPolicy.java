package dev.ledgerline.broker;

/**
 * How the broker redelivers a message whose consumer rolled back, and when it gives up and moves the message
 * to the dead-letter queue, as the command line sets it. Applied to every transfer queue, so that the XA and
 * the idempotent designs are compared under the same failure behaviour. The defaults, and why they are what
 * they are, are {@link dev.ledgerline.ledger.messaging.TransferQueue}'s.
 *
 * @param maxDeliveryAttempts deliveries before the message goes to the dead-letter address
 * @param redeliveryDelayMillis wait before the first redelivery
 * @param redeliveryMultiplier factor applied to the wait after each further failure
 * @param maxRedeliveryDelayMillis ceiling for the growing wait
 */
public record RedeliveryPolicy(int maxDeliveryAttempts, long redeliveryDelayMillis, double redeliveryMultiplier,
                               long maxRedeliveryDelayMillis) {

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
