package dev.ledgerline.drills;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Total money over the drill, sampled a few times a second from whatever can answer (the victim's API, or
 * the database server), with the drill's events (kill, restart, recovered) marked: the data of Jepsen's
 * bank plot. A sample the system could not answer is recorded as a gap, not a zero.
 */
public final class MoneyTimeline implements AutoCloseable {

    public record Sample(long millis, Long totalMinor) {
    }

    public record Event(long millis, String label) {
    }

    private final long startNanos = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "drill-money-sampler");
        t.setDaemon(true);
        return t;
    });

    /** @param totals per currency; the timeline follows EUR, the currency the load moves */
    public void start(Supplier<Optional<Map<String, Long>>> totals) {
        sampler.scheduleWithFixedDelay(() -> {
            Long eur = totals.get().map(t -> t.get("EUR")).orElse(null);
            synchronized (this) {
                samples.add(new Sample(now(), eur));
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
    }

    public synchronized void mark(String label) {
        events.add(new Event(now(), label));
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Milliseconds from the last event with this label to the first later event with the other, if both. */
    public synchronized Optional<Long> between(String from, String to) {
        Optional<Event> a = events.stream().filter(e -> e.label().equals(from)).reduce((first, second) -> second);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        return events.stream().filter(e -> e.label().equals(to) && e.millis() >= a.get().millis()).findFirst()
                .map(b -> b.millis() - a.get().millis());
    }

    private long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
