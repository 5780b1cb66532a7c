package dev.ledgerline.ledger.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
    /** Held while a run is taking messages, so that stopping can wait for the transaction in flight. */
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopped;
    private Duration backoff = Duration.ZERO;
    private Instant pausedUntil = Instant.MIN;

    /** @param takeOne processes at most one message in its own transaction; false when there was none */
    public QueuePoller(String name, BooleanSupplier takeOne) {
        this.name = name;
        this.takeOne = takeOne;
    }

    /**
     * Stops taking messages and waits (bounded) for the transaction in flight to end, so that the
     * application does not stop under it while the resource adapter is being stopped too.
     */
    public void stop(Duration wait) {
        stopped = true;
        try {
            if (running.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                running.unlock();
            } else {
                LOG.warning(name + " still busy after " + wait + "; stopping without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        if (stopped || Instant.now().isBefore(pausedUntil)) {
            return;
        }
        running.lock();
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
        } finally {
            running.unlock();
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
