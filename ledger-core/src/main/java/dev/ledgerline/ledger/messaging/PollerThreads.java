package dev.ledgerline.ledger.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * The threads that run a process's {@link QueuePoller}s: started with it, stopped with it. Threads of their
 * own rather than tasks of a shared executor: a poller is always busy (an idle receive waits inside its
 * transaction), and a server waits for busy executor threads before it stops. The server makes them with its
 * managed thread factory, the worker with plain threads.
 *
 * <p>Not thread-safe: started and stopped by the one thread that owns the process's life cycle; the counts
 * may be read from any thread once the pollers are started.
 */
public final class PollerThreads {

    private final ThreadFactory factory;
    private final List<QueuePoller> pollers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public PollerThreads(ThreadFactory factory) {
        this.factory = factory;
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
     * Asks every poller to stop after its transaction in flight, then waits for each (bounded by
     * {@code wait}, per poller) so that the process does not stop under a transaction.
     */
    public void stop(Duration wait) {
        pollers.forEach(QueuePoller::stop);
        pollers.forEach(poller -> poller.awaitFinished(wait));
        for (Thread thread : threads) {
            try {
                // The loop has ended; what remains is afterLoop.
                thread.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
