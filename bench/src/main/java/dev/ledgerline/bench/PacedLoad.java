package dev.ledgerline.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.ledgerline.harness.client.TransferClient;
import dev.ledgerline.harness.load.History;
import dev.ledgerline.harness.load.PlannedTransfer;
import dev.ledgerline.harness.load.RetryingSubmitter;

/**
 * An open-loop load: transfer i is due at {@code start + i / rate}, whether or not earlier ones have been
 * answered, and its latency counts from when it was due. A closed-loop client waits for each answer before
 * it sends again, so a slow server slows its own load down and hides the wait (coordinated omission); this
 * one does not. A request with no answer is retried with its key, and the wait counts against its transfer.
 */
final class PacedLoad {

    /** Enough senders that one slow answer does not hold up the next due send. */
    private static final int SENDERS = 32;
    /** The first transfer is due this long after the schedule is made, so that none starts late. */
    private static final Duration SCHEDULING_LEAD = Duration.ofMillis(100);
    /** Beyond the deadline, how long to wait for the senders still retrying. */
    private static final Duration AWAIT_GRACE = Duration.ofSeconds(30);

    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    private final History history = new History();

    /** Sends the plan at {@code perSecond} and returns once every request was answered (or the deadline passed). */
    static PacedLoad run(TransferClient client, List<PlannedTransfer> plan, double perSecond, Duration deadline)
            throws InterruptedException {
        PacedLoad load = new PacedLoad();
        RetryingSubmitter submitter = new RetryingSubmitter(client, load.history);
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(SENDERS);
        Instant start = Instant.now().plus(SCHEDULING_LEAD);
        Instant end = start.plus(deadline);
        try {
            for (int i = 0; i < plan.size(); i++) {
                PlannedTransfer t = plan.get(i);
                long offsetNanos = (long) (i * 1e9 / perSecond);
                load.due.put(t.idempotencyKey(), start.plusNanos(offsetNanos));
                long delay = Duration.between(Instant.now(), start).toNanos() + offsetNanos;
                senders.schedule(() -> submitter.submit(t, end), Math.max(0, delay), TimeUnit.NANOSECONDS);
            }
        } finally {
            senders.shutdown();
        }
        if (!senders.awaitTermination(deadline.plus(AWAIT_GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
            senders.shutdownNow();
        }
        return load;
    }

    /** When each request was due: its latency's start. */
    Map<String, Instant> due() {
        return Map.copyOf(due);
    }

    /** What the server promised, for the checker. */
    History history() {
        return history;
    }
}
