package dev.ledgerline.ledger.messaging;

import java.time.Duration;

/**
 * How the broker redelivers a message whose consumer rolled back, and when it gives up and moves the message
 * to the dead-letter queue. The broker applies it to every transfer queue, so that the XA and the idempotent
 * designs are compared under the same failure behaviour; the server reads the same values to know how long
 * the broker may keep delivering copies of one message ({@link #redeliveryWindow()}). The defaults, and why
 * they are what they are, are {@link TransferQueue}'s.
 *
 * @param maxDeliveryAttempts deliveries before the message goes to the dead-letter address
 * @param redeliveryDelayMillis wait before the first redelivery
 * @param redeliveryMultiplier factor applied to the wait after each further failure
 * @param maxRedeliveryDelayMillis ceiling for the growing wait
 */
public record RedeliveryPolicy(int maxDeliveryAttempts, long redeliveryDelayMillis, double redeliveryMultiplier,
                               long maxRedeliveryDelayMillis) {

    /** The policy of every transfer queue unless the broker is told otherwise. */
    public static final RedeliveryPolicy DEFAULT = new RedeliveryPolicy(TransferQueue.DEFAULT_MAX_DELIVERY_ATTEMPTS,
            TransferQueue.DEFAULT_REDELIVERY_DELAY_MILLIS, TransferQueue.DEFAULT_REDELIVERY_MULTIPLIER,
            TransferQueue.DEFAULT_MAX_REDELIVERY_DELAY_MILLIS);

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

    /**
     * The waits the broker puts between the deliveries of one message, summed: from the end of its first
     * failed delivery to the start of its last one. A message delivered {@code n} times has waited {@code n - 1}
     * times; after its last failed delivery it is dead-lettered, not delivered again. Each wait is computed
     * as Artemis computes it (QueueImpl): the delay times the multiplier to the power of the failures before
     * this one, truncated to whole milliseconds, capped at the maximum. The defaults give 1 + 2 + 4 + 8 + 10 +
     * 10 + 10 = 45 s.
     *
     * <p>This is the broker's part only: the time each delivery takes, and the time a crashed consumer's
     * connection takes to be declared dead, come on top of it.
     */
    public Duration redeliveryWindow() {
        long total = 0;
        for (int failures = 1; failures < maxDeliveryAttempts; failures++) {
            total += waitAfter(failures);
        }
        return Duration.ofMillis(total);
    }

    /** The wait before the next delivery of a message whose delivery failed {@code failures} times. */
    long waitAfter(int failures) {
        long wait = (long) (redeliveryDelayMillis * Math.pow(redeliveryMultiplier, failures - 1));
        return Math.min(wait, maxRedeliveryDelayMillis);
    }

    /** The policy in one line, as a log or an error message names it. */
    public String describe() {
        return maxDeliveryAttempts + " deliveries, waits from " + redeliveryDelayMillis + " ms times "
                + redeliveryMultiplier + " up to " + maxRedeliveryDelayMillis + " ms";
    }
}
