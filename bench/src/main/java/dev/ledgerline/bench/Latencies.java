package dev.ledgerline.bench;

import java.time.Duration;

import org.HdrHistogram.Histogram;

/**
 * Latencies of one scenario in an HdrHistogram, recorded in microseconds (two significant digits kept:
 * 1 % error at any magnitude), read back in milliseconds.
 */
public final class Latencies {

    /** The longest latency recorded exactly; a longer one is clamped to it, and the benchmark says so. */
    static final long HIGHEST_MICROS = Duration.ofMinutes(30).toNanos() / 1_000;

    private final Histogram histogram = new Histogram(HIGHEST_MICROS, 2);
    private long clamped;

    public synchronized void record(Duration latency) {
        long micros = Math.max(0, latency.toNanos() / 1_000);
        if (micros > HIGHEST_MICROS) {
            clamped++;
            micros = HIGHEST_MICROS;
        }
        histogram.recordValue(micros);
    }

    public synchronized long count() {
        return histogram.getTotalCount();
    }

    /** Latencies longer than the histogram's range, recorded as its highest value. */
    public synchronized long clamped() {
        return clamped;
    }

    /** p50, p95, p99 and max in milliseconds; all zero when nothing was recorded. */
    public synchronized Percentiles percentiles() {
        if (histogram.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0);
        }
        return new Percentiles(millis(histogram.getValueAtPercentile(50)), millis(histogram.getValueAtPercentile(95)),
                millis(histogram.getValueAtPercentile(99)), millis(histogram.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }

    /** The four figures every row of the report carries, in milliseconds. */
    public record Percentiles(double p50Ms, double p95Ms, double p99Ms, double maxMs) {
    }
}
