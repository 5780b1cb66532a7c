package dev.ledgerline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    private static final Latencies.Percentiles P = new Latencies.Percentiles(2.5, 9.0, 20.0, 31.25);

    private static Row row(String runtime, String mode, String workload, int consumers, double tps) {
        return new Row(runtime, mode, workload, consumers, 100, tps, P, 1.5, 64.0, "test clock");
    }

    /** 1,000 forced writes a second from one stream, 4,000 from eight; a floor of 0.5 ms. */
    private static final MachineLimits LIMITS = new MachineLimits(1000, 4000, 0.2, 0.3);

    private static SyncCount traced(String series, String process, long transfers, Map<String, Long> byFile) {
        return new SyncCount("pass", series, process, transfers, new ForcedWrites(byFile));
    }

    private static BenchReport report() {
        return new BenchReport(new BenchReport.RunInfo("short", "2026-11-24T22:00:00Z", 2, "Linux amd64", "17", "postgresql"),
                LIMITS, List.of(row(Row.CEILING, "database", "uniform", 4, 800),
                        row(Row.CEILING, "broker", "any", 4, 200),
                        row("liberty", "xa", "uniform", 4, 50),
                        row("liberty", "idempotent", "uniform", 4, 150),
                        row("worker", "xa", "contended", 4, 40)),
                List.of(), List.of(), List.of(), List.of("a note"));
    }

    @Test
    void theScalingSectionJoinsEachProcessCostWithItsSyncCount() {
        String scenario = "cluster xa, 2 servers, 0 workers";
        BenchReport report = new BenchReport(new BenchReport.RunInfo("full", "d", 2, "os", "17", "postgresql"), LIMITS,
                List.of(row("cluster", "xa", "uniform, 2 servers, 0 workers", 8, 60)),
                List.of(new SyncCount(scenario, "cluster xa uniform, 2 servers, 0 workers", "postgresql", 100,
                        new ForcedWrites(Map.of("fdatasync pgdata/pg_wal/*", 250L)))),
                List.of(new ClusterScenarios.ProcessCost(scenario, "ledgerline-1", 1000, 7.5),
                        new ClusterScenarios.ProcessCost(scenario, "postgresql", 1000, 2.25)),
                List.of(), List.of());
        assertThat(report.markdown(List.of()))
                .contains("| cluster xa, 2 servers, 0 workers | ledgerline-1 | 7.50 | – |")
                .contains("| cluster xa, 2 servers, 0 workers | postgresql | 2.25 | 2.50 |");
        JsonObject json = Json.createReader(new StringReader(report.json())).readObject();
        assertThat(json.getJsonArray("scaling").getJsonObject(1).getJsonNumber("syncsPerTransfer").doubleValue())
                .isEqualTo(2.5);
        assertThat(json.getJsonArray("scaling").getJsonObject(0).containsKey("syncsPerTransfer")).isFalse();
    }

    @Test
    void theFractionOfTheCeilingIsOverTheLowerOfTheTwoCeilings() {
        BenchReport report = report();
        assertThat(report.fractionOfCeiling(report.measured().get(0)).orElseThrow()).isCloseTo(0.25, within(1e-9));
        // No database ceiling for the contended workload: no fraction rather than a wrong one.
        assertThat(report.fractionOfCeiling(report.measured().get(2))).isEmpty();
        assertThat(report.idempotentOverXa("liberty", "uniform", 4).orElseThrow()).isCloseTo(3.0, within(1e-9));
        assertThat(report.idempotentOverXa("worker", "contended", 4)).isEmpty();
    }

    @Test
    void theJsonHasOneRowPerMeasuredScenarioAndTheCeilingsApart() {
        JsonObject json = Json.createReader(new StringReader(report().json())).readObject();
        assertThat(json.getJsonArray("rows")).hasSize(3);
        JsonObject xa = json.getJsonArray("rows").getJsonObject(0);
        assertThat(xa.getString("runtime")).isEqualTo("liberty");
        assertThat(xa.getString("mode")).isEqualTo("xa");
        assertThat(xa.getString("workload")).isEqualTo("uniform");
        assertThat(xa.getInt("consumers")).isEqualTo(4);
        assertThat(xa.getJsonNumber("tps").doubleValue()).isEqualTo(50.0);
        assertThat(xa.getJsonNumber("p50Ms").doubleValue()).isEqualTo(2.5);
        assertThat(xa.getJsonNumber("p95Ms").doubleValue()).isEqualTo(9.0);
        assertThat(xa.getJsonNumber("p99Ms").doubleValue()).isEqualTo(20.0);
        assertThat(xa.getJsonNumber("maxMs").doubleValue()).isEqualTo(31.25);
        assertThat(xa.getJsonNumber("cpuMsPerTransfer").doubleValue()).isEqualTo(1.5);
        assertThat(xa.getJsonNumber("fractionOfCeiling").doubleValue()).isEqualTo(0.25);
        assertThat(json.getJsonObject("ceilings").getJsonArray("database")).hasSize(1);
        assertThat(json.getJsonObject("ceilings").getJsonArray("broker").getJsonObject(0).getString("workload"))
                .isEqualTo("any");
        assertThat(json.getString("forcedSyncsPerTransfer")).isEqualTo("not counted");
        assertThat(json.getJsonObject("machine").getInt("cores")).isEqualTo(2);
    }

    @Test
    void theMarkdownTabulatesRowsCeilingsAndRatios() {
        String md = report().markdown(List.of("throughput.png"));
        assertThat(md).contains("| liberty | xa | uniform | 4 | 100 | 50.0 | 2.5 | 9.0 | 20.0 | 31.3 | 1.50 | 64 | 25 % | – | 3.0 |");
        assertThat(md).contains("| database | uniform | 4 | 100 | 800.0 |");
        assertThat(md).contains("| liberty | uniform | 4 | 3.00 |");
        assertThat(md).contains("![throughput.png](throughput.png)");
        assertThat(md).contains("- a note");
    }

    @Test
    void countedSyncsReplaceTheNotCountedSentence() {
        BenchReport report = new BenchReport(new BenchReport.RunInfo("short", "d", 2, "os", "17", "postgresql"), LIMITS,
                List.of(), List.of(new SyncCount("broker alone", "ceiling broker any", "broker", 200,
                        new ForcedWrites(Map.of("fdatasync broker/journal/activemq-data-*.amq", 500L)))),
                List.of(), List.of(), List.of());
        JsonObject json = Json.createReader(new StringReader(report.json())).readObject();
        JsonObject count = json.getJsonArray("forcedSyncsPerTransfer").getJsonObject(0);
        assertThat(count.getJsonNumber("perTransfer").doubleValue()).isEqualTo(2.5);
        assertThat(count.getJsonObject("byFile").getInt("fdatasync broker/journal/activemq-data-*.amq")).isEqualTo(500);
        assertThat(report.markdown(List.of())).contains("| broker alone | broker | 200 | 500 | 2.50 | "
                        + "fdatasync broker/journal/activemq-data-*.amq 2.50 |")
                .doesNotContain("not counted");
    }

    @Test
    void everyRowIsReadAgainstTheMachinesLimits() {
        // Liberty XA at 4 consumers: 50 tps; its traced pass saw 3 forced writes per transfer in Liberty's log and
        // 2 in PostgreSQL's WAL: 5 a transfer, so 250 a second of the 4,000 eight streams take: 6.25 %.
        BenchReport report = new BenchReport(new BenchReport.RunInfo("short", "d", 2, "os", "17", "postgresql"), LIMITS,
                List.of(row("liberty", "xa", "uniform", 4, 50), row("liberty", "xa", "uniform", 1, 20),
                        row("liberty", "idempotent", "uniform", 1, 20)),
                List.of(traced("liberty xa", "liberty", 100, Map.of("msync tranlog/tranlog/log*", 300L)),
                        traced("liberty xa", "postgresql", 100, Map.of("fdatasync pgdata/pg_wal/*", 200L))),
                List.of(), List.of(), List.of());
        JsonObject json = Json.createReader(new StringReader(report.json())).readObject();
        assertThat(json.getJsonObject("syncsPerSecond").getJsonNumber("oneStream").doubleValue()).isEqualTo(1000);
        assertThat(json.getJsonObject("syncsPerSecond").getJsonNumber("eightStreams").doubleValue()).isEqualTo(4000);
        assertThat(json.getJsonNumber("cpuFloorMs").doubleValue()).isEqualTo(0.5);
        JsonObject four = json.getJsonArray("rows").getJsonObject(0);
        assertThat(four.getJsonNumber("ofSyncLimit").doubleValue()).isEqualTo(0.063);
        // One consumer is held against one stream: 20 tps x 5 writes of 1,000 a second.
        assertThat(json.getJsonArray("rows").getJsonObject(1).getJsonNumber("ofSyncLimit").doubleValue()).isEqualTo(0.1);
        assertThat(four.getJsonNumber("ofCpuFloor").doubleValue()).isEqualTo(3.0);
        // No traced pass stands for the idempotent design: no sync ratio rather than a wrong one.
        assertThat(json.getJsonArray("rows").getJsonObject(2).containsKey("ofSyncLimit")).isFalse();
        assertThat(report.markdown(List.of())).contains("**1000 per second** from one stream, **4000** from eight")
                .contains("| liberty | xa | uniform | 4 | 100 | 50.0 | 2.5 | 9.0 | 20.0 | 31.3 | 1.50 | 64 | – | 6 % | 3.0 |");
    }

    @Test
    void writePutsTheReportsAndTheChartsInOneDirectory(@TempDir Path dir) throws Exception {
        report().write(dir);
        assertThat(dir.resolve("report.json")).isNotEmptyFile();
        assertThat(dir.resolve("report.md")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("report.md"))).contains("latency-liberty.png", "fraction-of-ceiling.png");
        assertThat(dir.resolve("throughput.png")).isNotEmptyFile();
        assertThat(dir.resolve("latency-liberty.png")).isNotEmptyFile();
        assertThat(dir.resolve("latency-worker.png")).isNotEmptyFile();
        assertThat(dir.resolve("fraction-of-ceiling.png")).isNotEmptyFile();
    }
}
