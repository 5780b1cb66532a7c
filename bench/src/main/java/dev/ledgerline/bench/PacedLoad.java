package dev.ledgerline.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.ledgerline.drills.History;
import dev.ledgerline.drills.PlannedTransfer;
import dev.ledgerline.drills.TransferClient;

/**
 * An open-loop load: transfer i is due at {@code start + i / rate}, whether or not earlier ones have been
 * answered, and its latency counts from when it was due. A closed-loop client waits for each answer before
 * it sends again, so a slow server slows its own load down and hides the wait (coordinated omission); this
 * one does not.
 */
final class PacedLoad {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);
    /** Enough senders that one slow answer does not hold up the next due send. */
    private static final int SENDERS = 32;

    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    private final History history = new History();

    /** Sends the plan at {@code perSecond} and returns once every request was answered (or the deadline passed). */
    static PacedLoad run(TransferClient client, List<PlannedTransfer> plan, double perSecond, Duration deadline)
            throws InterruptedException {
        PacedLoad load = new PacedLoad();
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(SENDERS);
        Instant start = Instant.now().plusMillis(100);
        Instant end = start.plus(deadline);
        try {
            for (int i = 0; i < plan.size(); i++) {
                PlannedTransfer t = plan.get(i);
                long offsetNanos = (long) (i * 1e9 / perSecond);
                load.due.put(t.idempotencyKey(), start.plusNanos(offsetNanos));
                long delay = Duration.between(Instant.now(), start).toNanos() + offsetNanos;
                senders.schedule(() -> load.send(client, t, end), Math.max(0, delay), TimeUnit.NANOSECONDS);
            }
        } finally {
            senders.shutdown();
        }
        if (!senders.awaitTermination(deadline.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
            senders.shutdownNow();
        }
        return load;
    }

    private void send(TransferClient client, PlannedTransfer t, Instant end) {
        while (Instant.now().isBefore(end)) {
            TransferClient.Submitted result = client.submit(t.mode(), t.from(), t.to(), t.amount(), "EUR", t.idempotencyKey());
            if (result instanceof TransferClient.Submitted.Accepted a) {
                history.accepted(t.idempotencyKey(), a.id());
                return;
            }
            if (result instanceof TransferClient.Submitted.Refused r) {
                history.refused(t.idempotencyKey(), "HTTP " + r.status() + ": " + r.body());
                return;
            }
            // No answer: the same key again, as a careful client does; the wait counts against this transfer.
            history.unknownOutcome();
            LockSupport.parkNanos(RETRY_PAUSE.toNanos());
        }
        history.refused(t.idempotencyKey(), "no answer before the load's deadline");
    }

    /** When each request was due: its latency's start. */
    Map<String, Instant> due() {
        return Map.copyOf(due);
    }

    /** What the server promised, for the drills' checker. */
    History history() {
        return history;
    }
}
