package dev.ledgerline.ledger.idempotent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often to try a delivery that keeps conflicting, and how long to wait between attempts.
 *
 * <p>The wait is drawn at random between zero and a ceiling that doubles with each retry, from
 * {@code backoffBase} up to {@code backoffCap}. Consumers that collided on the same account then spread
 * out instead of colliding again in step, and the ceiling keeps a hot account from stalling a consumer for
 * long.
 *
 * @param maxAttempts how many attempts in all, the first included; at least 1
 */
public record RetryPolicy(int maxAttempts, Duration backoffBase, Duration backoffCap) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (backoffBase.isNegative() || backoffBase.isZero()) {
            throw new IllegalArgumentException("backoffBase must be positive, not " + backoffBase);
        }
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffCap " + backoffCap + " is below backoffBase " + backoffBase);
        }
    }

    /** The wait before retry number {@code retry} (1 for the second attempt). */
    public Duration backoff(int retry, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are counted from 1, not " + retry);
        }
        long cap = backoffCap.toNanos();
        long ceiling = backoffBase.toNanos();
        for (int doubling = 1; doubling < retry && ceiling < cap; doubling++) {
            // Compared before doubling, so that a cap near the largest long cannot overflow it.
            ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
        }
        return Duration.ofNanos(random.nextLong(ceiling + 1));
    }
}
