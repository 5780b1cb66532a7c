package dev.ledgerline.ledger.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * The threads that run a process's {@link QueuePoller}s: started with it, stopped with it. Threads of their
 * own rather than tasks of a shared executor: a poller is always busy (an idle receive waits inside its
 * transaction), and a server waits for busy executor threads before it stops. The server makes them with its
 * managed thread factory, the worker with plain threads.
 *
 * <p>Started by the one thread that owns the process's life cycle; a stop may also come from another thread
 * (the server's quiesce participant, {@code ServerPollers}), and the counts may be read from any thread.
 */
public final class PollerThreads {

    private final ThreadFactory factory;
    private final Duration stopWait;
    private final List<QueuePoller> pollers = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /**
     * @param stopWait how long a stop waits for each poller to end its transaction in flight: at least a
     *                 receive's wait plus a commit
     */
    public PollerThreads(ThreadFactory factory, Duration stopWait) {
        this.factory = factory;
        this.stopWait = stopWait;
    }

    /** Starts {@code poller} on a thread of its own, named {@code ledgerline-} and the poller's name. */
    public void start(QueuePoller poller) {
        start(poller, () -> { });
    }

    /**
     * Starts {@code poller} on a thread of its own, and runs {@code afterLoop} on that thread once its loop has
     * ended, however it ended: where the poller's work holds connections across calls, this closes them.
     */
    public void start(QueuePoller poller, Runnable afterLoop) {
        Thread thread = factory.newThread(() -> {
            try {
                poller.run();
            } finally {
                afterLoop.run();
            }
        });
        thread.setName("ledgerline-" + poller.name());
        pollers.add(poller);
        threads.add(thread);
        thread.start();
    }

    /** How many poller threads were started. */
    public int started() {
        return threads.size();
    }

    /** How many of them still run: a thread that died does not come back by itself. */
    public int alive() {
        return (int) threads.stream().filter(Thread::isAlive).count();
    }

    /**
     * Asks every poller to stop after its transaction in flight, then waits for each (bounded by the stop wait,
     * per poller) so that the process does not stop under a transaction. A second stop finds them stopped.
     */
    public void stop() {
        askToStop();
        awaitStopped();
    }

    /** Asks every poller to stop after its transaction in flight, without waiting. */
    public void askToStop() {
        pollers.forEach(QueuePoller::stop);
    }

    /** Waits for every poller asked to stop to end its loop and its thread, bounded by the stop wait each. */
    public void awaitStopped() {
        pollers.forEach(poller -> poller.awaitFinished(stopWait));
        for (Thread thread : threads) {
            try {
                // The loop has ended; what remains is afterLoop.
                thread.join(stopWait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
