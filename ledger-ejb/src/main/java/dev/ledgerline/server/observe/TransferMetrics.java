package dev.ledgerline.server.observe;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Snapshot;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.idempotent.ProcessingResult;
import dev.ledgerline.ledger.retention.Pruned;

/**
 * The application's counters and latency timer, per mode, in the MicroProfile Metrics application registry:
 * Liberty publishes them at {@code /metrics?scope=application} (Prometheus text), and {@link #snapshot()} reads
 * the same meters for {@code GET /api/statistics}. One set of numbers, two formats.
 *
 * <ul>
 *   <li>{@code ledgerline.transfers.finished{mode,status}}: transfers that reached COMPLETED, REJECTED or FAILED,
 *       counted after the commit that made them final (with the log line, in {@link TransferLog});</li>
 *   <li>{@code ledgerline.transfer.latency{mode}}: from {@code created_at} (the submission) to
 *       {@code completed_at} (the consumer's commit) of every finished transfer;</li>
 *   <li>{@code ledgerline.redeliveries{mode}}: deliveries received with a delivery count above one;</li>
 *   <li>{@code ledgerline.duplicates.skipped{mode}} and {@code ledgerline.version.conflicts{mode}}: what the
 *       idempotent consumer's committed deliveries reported (a delivery that gave up after its last conflict
 *       retry reports nothing here: it shows as a redelivery).</li>
 *   <li>{@code ledgerline.records.pruned{table}}: rows past the retention window this server deleted, per
 *       table ({@code processed_message}, {@code outbox}); not in {@link #snapshot()}.</li>
 * </ul>
 * Counts start at zero when the application starts.
 */
@ApplicationScoped
public class TransferMetrics {

    static final String FINISHED = "ledgerline.transfers.finished";
    static final String LATENCY = "ledgerline.transfer.latency";
    static final String REDELIVERIES = "ledgerline.redeliveries";
    static final String DUPLICATES_SKIPPED = "ledgerline.duplicates.skipped";
    static final String VERSION_CONFLICTS = "ledgerline.version.conflicts";
    static final String RECORDS_PRUNED = "ledgerline.records.pruned";

    private static final TransferStatus[] FINAL = {TransferStatus.COMPLETED, TransferStatus.REJECTED, TransferStatus.FAILED};

    @Inject
    MetricRegistry registry;

    /** Counts a transfer's state change once it has committed; only final states are counted. */
    public void stateChanged(Transfer transfer) {
        if (transfer.status() == TransferStatus.QUEUED) {
            return;
        }
        Tag mode = mode(transfer.mode());
        registry.counter(FINISHED, mode, new Tag("status", transfer.status().name())).inc();
        if (transfer.createdAt() != null && transfer.completedAt() != null) {
            registry.timer(LATENCY, mode).update(Duration.between(transfer.createdAt(), transfer.completedAt()));
        }
    }

    /** Counts a delivery that the broker had delivered before (delivery count above one). */
    public void delivered(TransferMode mode, int deliveryCount) {
        if (deliveryCount > 1) {
            registry.counter(REDELIVERIES, mode(mode)).inc();
        }
    }

    /** Counts what one committed delivery of the idempotent consumer reported. */
    public void processed(TransferMode mode, ProcessingResult result) {
        if (result instanceof ProcessingResult.DuplicateSkipped) {
            registry.counter(DUPLICATES_SKIPPED, mode(mode)).inc();
        }
        if (result.conflicts() > 0) {
            registry.counter(VERSION_CONFLICTS, mode(mode)).inc(result.conflicts());
        }
    }

    /** Counts the rows one pruning pass deleted. */
    public void pruned(Pruned pruned) {
        countPruned("processed_message", pruned.processedMessages());
        countPruned("outbox", pruned.outboxRows());
    }

    private void countPruned(String table, long rows) {
        if (rows > 0) {
            registry.counter(RECORDS_PRUNED, new Tag("table", table)).inc(rows);
        }
    }

    /** The counts and latencies of every mode, as {@code GET /api/statistics} shows them. */
    public Map<String, ModeStatistics> snapshot() {
        Map<String, ModeStatistics> modes = new LinkedHashMap<>();
        for (TransferMode mode : TransferMode.values()) {
            Tag tag = mode(mode);
            Map<String, Long> finished = new LinkedHashMap<>();
            Arrays.stream(FINAL).forEach(s -> finished.put(s.name(),
                    registry.counter(FINISHED, tag, new Tag("status", s.name())).getCount()));
            Timer latency = registry.timer(LATENCY, tag);
            Snapshot window = latency.getSnapshot();
            modes.put(mode.wireName(), new ModeStatistics(
                    finished.get("COMPLETED"), finished.get("REJECTED"), finished.get("FAILED"),
                    registry.counter(REDELIVERIES, tag).getCount(),
                    registry.counter(DUPLICATES_SKIPPED, tag).getCount(),
                    registry.counter(VERSION_CONFLICTS, tag).getCount(),
                    latency.getCount(),
                    latency.getCount() == 0 ? null : millis(percentile(window, 0.5)),
                    latency.getCount() == 0 ? null : millis(percentile(window, 0.99))));
        }
        return modes;
    }

    /**
     * One mode's numbers. Latency percentiles are in milliseconds over the timer's recent window (MicroProfile
     * Metrics keeps a decaying window, not all history), null before the first finished transfer.
     */
    public record ModeStatistics(long completed, long rejected, long failed, long redeliveries,
                                 long duplicatesSkipped, long versionConflicts, long latencyCount,
                                 Double latencyP50Millis, Double latencyP99Millis) {
    }

    private static Tag mode(TransferMode mode) {
        return new Tag("mode", mode.wireName());
    }

    private static Double percentile(Snapshot snapshot, double percentile) {
        return Arrays.stream(snapshot.percentileValues())
                .filter(p -> Math.abs(p.getPercentile() - percentile) < 1e-9)
                .map(Snapshot.PercentileValue::getValue)
                .findFirst().orElse(null);
    }

    /** Timer snapshots hold nanoseconds. */
    private static Double millis(Double nanos) {
        return nanos == null ? null : nanos / 1_000_000.0;
    }
}
