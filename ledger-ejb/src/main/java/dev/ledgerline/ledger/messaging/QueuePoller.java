package dev.ledgerline.ledger.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * One consumer thread's loop: takes messages one transaction at a time until the queue is empty, then
 * returns so the scheduler can run it again shortly. When the broker or the database is unreachable it
 * backs off (1 s doubling to 30 s) and says so once per outage rather than once per attempt.
 */
public final class QueuePoller implements Runnable {

    private static final Logger LOG = Logger.getLogger(QueuePoller.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String name;
    private final BooleanSupplier takeOne;
    private volatile boolean stopped;
    private Duration backoff = Duration.ZERO;
    private Instant pausedUntil = Instant.MIN;

    /** @param takeOne processes at most one message in its own transaction; false when there was none */
    public QueuePoller(String name, BooleanSupplier takeOne) {
        this.name = name;
        this.takeOne = takeOne;
    }

    public void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        if (Instant.now().isBefore(pausedUntil)) {
            return;
        }
        try {
            while (!stopped && takeOne.getAsBoolean()) {
                recovered();
            }
            recovered();
        } catch (RuntimeException e) {
            if (stopped) {
                return;
            }
            if (backoff.isZero()) {
                LOG.warning(name + " cannot take messages, retrying with backoff: " + e);
            }
            backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
            pausedUntil = Instant.now().plus(backoff);
        }
    }

    private void recovered() {
        if (!backoff.isZero()) {
            LOG.info(name + " is taking messages again");
            backoff = Duration.ZERO;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
