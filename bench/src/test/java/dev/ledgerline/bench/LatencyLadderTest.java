package dev.ledgerline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class LatencyLadderTest {

    private static final Instant DUE = Instant.parse("2026-12-03T04:00:00Z");

    private static Instant at(long millis) {
        return DUE.plusMillis(millis);
    }

    @Test
    void anIdempotentTransferSplitsAtItsPublication() {
        LatencyLadder ladder = LatencyLadder.of("liberty idempotent uniform, open loop 68/s c8",
                Map.of("k-1", new Completions.Steps(at(2), at(7), at(9))), Map.of("k-1", DUE));

        assertThat(ladder.steps()).extracting(LatencyLadder.Step::name)
                .containsExactly("request to intake", "intake to published", "published to completed", "total");
        // The histogram keeps two significant digits: each figure within 1 %.
        double[] expected = {2.0, 5.0, 2.0, 9.0};
        for (int i = 0; i < expected.length; i++) {
            assertThat(ladder.steps().get(i).latency().p50Ms()).isCloseTo(expected[i], withinPercentage(1));
        }
    }

    @Test
    void anXaTransferHasNoStepBetweenIntakeAndCompletion() {
        LatencyLadder ladder = LatencyLadder.of("liberty xa uniform, open loop 38/s c8",
                Map.of("k-1", new Completions.Steps(at(1), null, at(12)), "k-2", new Completions.Steps(at(3), null, at(20))),
                Map.of("k-1", DUE, "k-2", DUE));

        assertThat(ladder.steps()).extracting(LatencyLadder.Step::name)
                .containsExactly("request to intake", "intake to completed", "total");
        assertThat(ladder.steps()).allSatisfy(step -> assertThat(step.transfers()).isEqualTo(2));
        assertThat(ladder.steps().get(2).latency().maxMs()).isCloseTo(20.0, withinPercentage(1));
    }

    @Test
    void theReportCarriesEveryStep() {
        LatencyLadder ladder = LatencyLadder.of("liberty idempotent uniform, open loop 68/s c8",
                Map.of("k-1", new Completions.Steps(at(2), at(7), at(9))), Map.of("k-1", DUE));
        BenchReport report = new BenchReport(new BenchReport.RunInfo("short", "d", 2, "os", "17", "postgresql"),
                new MachineLimits(1000, 4000, 0.2, 0.3), List.of(), List.of(), List.of(), List.of(ladder), List.of());

        assertThat(report.markdown(List.of())).contains("## Where the time goes, at half load")
                .contains("| liberty idempotent uniform, open loop 68/s c8 | intake to published |");
        JsonObject json = Json.createReader(new StringReader(report.json())).readObject();
        JsonObject step = json.getJsonArray("latencyLadders").getJsonObject(0).getJsonArray("steps").getJsonObject(1);
        assertThat(step.getString("step")).isEqualTo("intake to published");
        assertThat(step.getJsonNumber("p50Ms").doubleValue()).isCloseTo(5.0, withinPercentage(1));
    }
}
