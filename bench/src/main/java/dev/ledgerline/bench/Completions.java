package dev.ledgerline.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each transfer of a scenario was created and finished, as the database recorded it (both timestamps
 * are written by the process under test, from one clock). Throughput and latency are computed from these,
 * after the run, so that measuring cannot slow the system down.
 */
public record Completions(List<Timing> timings) {

    /** One final transfer: created (accepted) and completed (applied or rejected). */
    public record Timing(Instant created, Instant completed) {
    }

    /**
     * One final transfer of an open-loop scenario, by the steps the server timestamps: created (at intake,
     * before the submission commits), published (the relay's time after the broker committed the message; null
     * for a transfer with no outbox row, as XA ones), completed (by the consumer, before its commit).
     */
    public record Steps(Instant created, Instant published, Instant completed) {
    }

    public Completions {
        timings = timings.stream().sorted(Comparator.comparing(Timing::completed)).toList();
    }

    /** The final transfers whose idempotency key starts with {@code keyPrefix}. */
    static Completions read(Connection c, String keyPrefix) throws SQLException {
        List<Timing> timings = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT created_at, completed_at FROM transfer
                 WHERE idempotency_key LIKE ? AND completed_at IS NOT NULL""")) {
            ps.setString(1, likePrefix(keyPrefix));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    timings.add(new Timing(rs.getObject(1, OffsetDateTime.class).toInstant(),
                            rs.getObject(2, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return new Completions(timings);
    }

    /**
     * Each final transfer under the key prefix, by idempotency key, with its outbox row's first publication
     * (a row published twice, after a relay's crash, counts from the first).
     */
    static Map<String, Steps> readByKey(Connection c, String keyPrefix) throws SQLException {
        Map<String, Steps> byKey = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.idempotency_key, t.created_at, MIN(o.published_at), t.completed_at
                  FROM transfer t LEFT JOIN outbox o ON o.transfer_id = t.id
                 WHERE t.idempotency_key LIKE ? AND t.completed_at IS NOT NULL
                 GROUP BY t.idempotency_key, t.created_at, t.completed_at""")) {
            ps.setString(1, likePrefix(keyPrefix));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime published = rs.getObject(3, OffsetDateTime.class);
                    byKey.put(rs.getString(1), new Steps(rs.getObject(2, OffsetDateTime.class).toInstant(),
                            published == null ? null : published.toInstant(),
                            rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return byKey;
    }

    private static String likePrefix(String keyPrefix) {
        return keyPrefix.replace("%", "\\%").replace("_", "\\_") + "%";
    }

    public int count() {
        return timings.size();
    }

    /** How many finished at or after {@code instant}. */
    public long completedSince(Instant instant) {
        return timings.stream().filter(t -> !t.completed().isBefore(instant)).count();
    }

    /**
     * Completions per second from the first to the last: n - 1 intervals over that span. Zero for fewer than
     * two completions, or all in one instant.
     */
    public double tps() {
        if (timings.size() < 2) {
            return 0;
        }
        Duration span = Duration.between(timings.get(0).completed(), timings.get(timings.size() - 1).completed());
        return span.isZero() ? 0 : (timings.size() - 1) / (span.toNanos() / 1e9);
    }

    /** Created to completed, per transfer: what a client that submitted it waited for. */
    public Latencies submitToCompletion() {
        Latencies latencies = new Latencies();
        timings.forEach(t -> latencies.record(Duration.between(t.created(), t.completed())));
        return latencies;
    }

    /**
     * For a backlog loaded before its consumer started: from the later of its creation and the first
     * completion (when consuming began) to its completion. This is time spent waiting in the backlog, roughly
     * proportional to a transfer's place in it; it says how fast the backlog drains, not what a client waits.
     */
    public Latencies inBacklog() {
        Latencies latencies = new Latencies();
        if (timings.isEmpty()) {
            return latencies;
        }
        Instant start = timings.get(0).completed();
        for (Timing t : timings) {
            Instant from = t.created().isAfter(start) ? t.created() : start;
            latencies.record(Duration.between(from, t.completed()));
        }
        return latencies;
    }
}
