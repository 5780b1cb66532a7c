package dev.ledgerline.ledger.messaging;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * One worker thread's loop: takes messages one transaction at a time until it is stopped. An idle receive
 * waits inside its own transaction, and work looked for in a table waits out an idle pause, so the loop
 * never spins; {@link #wake()} ends an idle pause early when new work is known to be there. When the broker or
 * the database is unreachable it backs off (1 s doubling to 30 s) and says so once per outage rather than once
 * per attempt.
 */
public final class QueuePoller implements Runnable {

    private static final Logger LOG = Logger.getLogger(QueuePoller.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String name;
    private final BooleanSupplier takeOne;
    private final Duration idlePause;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Guards {@link #woken}; a pause waits on it, and {@link #stop} and {@link #wake} notify it. */
    private final Object pauseLock = new Object();
    /** Set by {@link #wake}, cleared when a pass starts: a wake during a pass is not lost. */
    private boolean woken;
    private volatile boolean stopped;
    private Duration backoff = Duration.ZERO;

    /**
     * @param takeOne   processes at most one message (or batch) in its own transaction; false when none came
     * @param idlePause how long to wait after finding nothing: zero for a receive that waits by itself, a
     *                  polling period for work that is looked for in a table
     */
    public QueuePoller(String name, BooleanSupplier takeOne, Duration idlePause) {
        this.name = name;
        this.takeOne = takeOne;
        this.idlePause = idlePause;
    }

    public String name() {
        return name;
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                takeOneOrBackOff();
            }
        } finally {
            finished.countDown();
        }
    }

    /** Asks the loop to stop after the transaction in flight; a pause in progress ends at once. */
    public void stop() {
        synchronized (pauseLock) {
            stopped = true;
            pauseLock.notifyAll();
        }
    }

    /**
     * Says that new work is there: an idle pause in progress ends now, and the next one is skipped if the wake
     * came during a pass. Wakes that come while a pass runs coalesce into one more pass, so a burst of them
     * still costs few passes. A backoff is not ended by a wake: an unreachable broker or database is not
     * retried faster because work arrives.
     */
    public void wake() {
        synchronized (pauseLock) {
            woken = true;
            pauseLock.notifyAll();
        }
    }

    /** Waits (bounded) until the loop has ended, so that the application does not stop under a transaction. */
    public void awaitFinished(Duration wait) {
        try {
            if (!finished.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(name + " still busy after " + wait + "; stopping without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void takeOneOrBackOff() {
        try {
            synchronized (pauseLock) {
                // This pass sees all that was committed before the wakes so far.
                woken = false;
            }
            boolean tookSome = takeOne.getAsBoolean();
            if (!backoff.isZero()) {
                LOG.info(name + " is taking messages again");
                backoff = Duration.ZERO;
            }
            if (!tookSome && !idlePause.isZero()) {
                pause(idlePause, true);
            }
        } catch (RuntimeException e) {
            if (stopped) {
                return;
            }
            if (backoff.isZero()) {
                LOG.warning(name + " cannot take messages, retrying with backoff: " + e);
            }
            backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
            pause(backoff, false);
        }
    }

    /**
     * Waits out {@code duration}, or less if the loop is asked to stop meanwhile (or, when {@code endsOnWake},
     * is woken). While an application server stops, its container refuses calls before the loop is told to
     * stop, so the loop backs off; a backoff that ran its course (up to 30 s) held up the stop, and a server of
     * a cluster that stops slowly has its transaction log taken over by a peer while it still stops
     * (docs/deployment.md).
     */
    private void pause(Duration duration, boolean endsOnWake) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (pauseLock) {
            try {
                long left = duration.toNanos();
                while (!stopped && !(endsOnWake && woken) && left > 0) {
                    TimeUnit.NANOSECONDS.timedWait(pauseLock, left);
                    left = deadline - System.nanoTime();
                }
            } catch (InterruptedException e) {
                // Interrupted because the application is stopping.
                stopped = true;
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
