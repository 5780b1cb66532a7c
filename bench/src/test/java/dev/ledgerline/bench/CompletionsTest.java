package dev.ledgerline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CompletionsTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void throughputCountsTheIntervalsBetweenTheFirstAndTheLastCompletion() {
        // 11 completions, one every 100 ms: 10 intervals in one second.
        List<Completions.Timing> timings = new ArrayList<>();
        for (int i = 10; i >= 0; i--) {
            timings.add(new Completions.Timing(T0, T0.plusMillis(100L * i)));
        }
        assertThat(new Completions(timings).tps()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void fewerThanTwoCompletionsHaveNoThroughput() {
        assertThat(new Completions(List.of()).tps()).isZero();
        assertThat(new Completions(List.of(new Completions.Timing(T0, T0.plusMillis(5)))).tps()).isZero();
    }

    @Test
    void submitToCompletionIsCreatedToCompleted() {
        Completions c = new Completions(List.of(
                new Completions.Timing(T0, T0.plusMillis(10)),
                new Completions.Timing(T0.plusMillis(5), T0.plusMillis(45))));
        Latencies.Percentiles p = c.submitToCompletion().percentiles();
        assertThat(p.maxMs()).isCloseTo(40, within(0.4));
        assertThat(p.p50Ms()).isCloseTo(10, within(0.1));
    }

    @Test
    void aBacklogWaitsFromTheFirstCompletionNotFromItsLoading() {
        // Loaded a minute before the consumer started; the consumer's first completion is at T0.
        Instant loaded = T0.minusSeconds(60);
        Completions c = new Completions(List.of(
                new Completions.Timing(loaded, T0),
                new Completions.Timing(loaded, T0.plusMillis(200)),
                new Completions.Timing(T0.plusMillis(300), T0.plusMillis(400))));
        Latencies.Percentiles p = c.inBacklog().percentiles();
        assertThat(p.maxMs()).isCloseTo(200, within(2.0));
        assertThat(c.completedSince(T0.plusMillis(100))).isEqualTo(2);
    }
}
