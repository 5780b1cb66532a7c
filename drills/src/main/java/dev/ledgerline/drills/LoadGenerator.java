package dev.ledgerline.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Submits the planned transfers over HTTP from a few client threads, as a careful client would: a request
 * with no answer is sent again with the same idempotency key until the server answers, so a crash never
 * turns into a duplicate or a silently dropped request on the client's side.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final TransferClient client;
    private final History history = new History();
    private final ConcurrentLinkedQueue<PlannedTransfer> pending;
    private final ExecutorService clients;
    private final Instant deadline;
    private final int threads;
    private List<Future<?>> running = List.of();

    public LoadGenerator(TransferClient client, List<PlannedTransfer> plan, int clientThreads, Duration deadline) {
        this.client = client;
        this.pending = new ConcurrentLinkedQueue<>(plan);
        this.clients = Executors.newFixedThreadPool(clientThreads, r -> {
            Thread t = new Thread(r, "drill-client");
            t.setDaemon(true);
            return t;
        });
        this.deadline = Instant.now().plus(deadline);
        this.threads = clientThreads;
    }

    public void start() {
        running = java.util.stream.IntStream.range(0, threads)
                .<Future<?>>mapToObj(i -> clients.submit(this::submitUntilDone)).toList();
    }

    private void submitUntilDone() {
        PlannedTransfer next;
        while ((next = pending.poll()) != null) {
            submit(next);
        }
    }

    private void submit(PlannedTransfer t) {
        while (Instant.now().isBefore(deadline)) {
            TransferClient.Submitted result = client.submit(t.mode(), t.from(), t.to(), t.amount(), "EUR", t.idempotencyKey());
            if (result instanceof TransferClient.Submitted.Accepted accepted) {
                history.accepted(t.idempotencyKey(), accepted.id());
                return;
            }
            if (result instanceof TransferClient.Submitted.Refused refused) {
                history.refused(t.idempotencyKey(), "HTTP " + refused.status() + ": " + refused.body());
                return;
            }
            history.unknownOutcome();
            LockSupport.parkNanos(RETRY_PAUSE.toNanos());
        }
        history.refused(t.idempotencyKey(), "no answer before the load's deadline");
    }

    /** Stops taking new planned transfers; requests already sent still get their retries. */
    public void finish() {
        pending.clear();
    }

    /** Waits until every planned transfer was accepted or refused (or the deadline passed). */
    public History awaitDone() throws Exception {
        for (Future<?> f : running) {
            f.get(Duration.between(Instant.now(), deadline).toMillis() + 30_000, TimeUnit.MILLISECONDS);
        }
        return history;
    }

    public History history() {
        return history;
    }

    @Override
    public void close() {
        clients.shutdownNow();
    }
}
