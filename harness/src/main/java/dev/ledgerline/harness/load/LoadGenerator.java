package dev.ledgerline.harness.load;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.ledgerline.harness.client.TransferClient;

/**
 * A closed-loop load: a few client threads, each submitting the next planned transfer once its previous one
 * was answered, through a {@link RetryingSubmitter}.
 */
public final class LoadGenerator implements AutoCloseable {

    /** Beyond the load's deadline, how long {@link #awaitDone} waits for the requests still being retried. */
    private static final Duration AWAIT_GRACE = Duration.ofSeconds(30);

    private final History history = new History();
    private final RetryingSubmitter submitter;
    private final ConcurrentLinkedQueue<PlannedTransfer> pending;
    private final ExecutorService clients;
    private final Instant deadline;
    private final int threads;
    private List<Future<?>> running = List.of();

    public LoadGenerator(TransferClient client, List<PlannedTransfer> plan, int clientThreads, Duration deadline) {
        this.submitter = new RetryingSubmitter(client, history);
        this.pending = new ConcurrentLinkedQueue<>(plan);
        this.clients = Executors.newFixedThreadPool(clientThreads, r -> {
            Thread t = new Thread(r, "load-client");
            t.setDaemon(true);
            return t;
        });
        this.deadline = Instant.now().plus(deadline);
        this.threads = clientThreads;
    }

    public void start() {
        running = IntStream.range(0, threads).<Future<?>>mapToObj(i -> clients.submit(this::submitUntilDone)).toList();
    }

    private void submitUntilDone() {
        PlannedTransfer next;
        while ((next = pending.poll()) != null) {
            submitter.submit(next, deadline);
        }
    }

    /** Stops taking new planned transfers; requests already sent still get their retries. */
    public void finish() {
        pending.clear();
    }

    /** Waits until every planned transfer was accepted or refused (or the deadline passed). */
    public History awaitDone() throws Exception {
        for (Future<?> f : running) {
            f.get(Duration.between(Instant.now(), deadline).plus(AWAIT_GRACE).toMillis(), TimeUnit.MILLISECONDS);
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
