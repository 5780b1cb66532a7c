package dev.ledgerline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesOfOneToAHundredMillisecondsAreReadBackInMilliseconds() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.record(Duration.ofMillis(ms));
        }
        Latencies.Percentiles p = latencies.percentiles();
        // Two significant digits: within 1 % of the exact value.
        assertThat(p.p50Ms()).isCloseTo(50, within(0.5));
        assertThat(p.p95Ms()).isCloseTo(95, within(0.95));
        assertThat(p.p99Ms()).isCloseTo(99, within(0.99));
        assertThat(p.maxMs()).isCloseTo(100, within(1.0));
        assertThat(latencies.count()).isEqualTo(100);
    }

    @Test
    void aSingleSlowOutlierMovesTheMaxAndNotTheMedian() {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 999; i++) {
            latencies.record(Duration.ofMillis(2));
        }
        latencies.record(Duration.ofSeconds(3));
        Latencies.Percentiles p = latencies.percentiles();
        assertThat(p.p50Ms()).isCloseTo(2, within(0.02));
        assertThat(p.p99Ms()).isCloseTo(2, within(0.02));
        assertThat(p.maxMs()).isCloseTo(3_000, within(30.0));
    }

    @Test
    void nothingRecordedReadsAsZeros() {
        assertThat(new Latencies().percentiles()).isEqualTo(new Latencies.Percentiles(0, 0, 0, 0));
    }

    @Test
    void aLatencyBeyondTheRangeIsClampedAndCounted() {
        Latencies latencies = new Latencies();
        latencies.record(Duration.ofHours(2));
        assertThat(latencies.clamped()).isEqualTo(1);
        assertThat(latencies.percentiles().maxMs()).isCloseTo(Duration.ofMinutes(30).toMillis(), within(20_000.0));
    }
}
