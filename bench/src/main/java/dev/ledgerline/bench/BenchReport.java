package dev.ledgerline.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;

import dev.ledgerline.ledger.domain.TransferMode;

/**
 * The benchmark's figures as {@code report.json} (every row, the ceilings, the run's circumstances) and
 * {@code report.md} (tables, the ratios, the charts). Pure: it formats what it is given and measures nothing.
 */
public final class BenchReport {

    /** Where and how the figures were taken. */
    public record RunInfo(String profile, String date, int cores, String os, String java, String database) {
    }

    private final RunInfo info;
    private final MachineLimits limits;
    private final List<Row> rows;
    private final List<String> notes;
    private final List<SyncCount> syncs;
    private final List<ClusterScenarios.ProcessCost> costs;
    private final List<LatencyLadder> ladders;

    /**
     * @param syncs forced disk syncs counted in traced passes; empty if none could be counted
     * @param costs the scaling rows' CPU per transfer, process by process; empty if no cluster ran
     * @param ladders where the time of each open-loop scenario went; empty if none ran
     */
    BenchReport(RunInfo info, MachineLimits limits, List<Row> rows, List<SyncCount> syncs,
                List<ClusterScenarios.ProcessCost> costs, List<LatencyLadder> ladders, List<String> notes) {
        this.info = info;
        this.limits = limits;
        this.rows = List.copyOf(rows);
        this.syncs = List.copyOf(syncs);
        this.costs = List.copyOf(costs);
        this.ladders = List.copyOf(ladders);
        this.notes = List.copyOf(notes);
    }

    /** The traced pass's count for one process of one scaling scenario, if strace got one. */
    private Optional<SyncCount> syncsOf(ClusterScenarios.ProcessCost cost) {
        return syncs.stream().filter(c -> c.scenario().equals(cost.scenario()) && c.processes().equals(cost.process()))
                .findFirst();
    }

    public List<Row> rows() {
        return rows;
    }

    public List<Row> measured() {
        return rows.stream().filter(r -> !r.isCeiling()).toList();
    }

    public List<Row> ceilings(String kind) {
        return rows.stream().filter(r -> r.isCeiling() && r.mode().equals(kind)).toList();
    }

    /**
     * The lower of the two ceilings at the row's workload and concurrency: the database alone on the same
     * workload, and the broker alone (whose work does not depend on the accounts). Empty if either is missing.
     */
    public OptionalDouble ceilingFor(Row row) {
        Optional<Row> database = ceilings(Row.DATABASE_CEILING).stream()
                .filter(c -> c.workload().equals(row.workload()) && c.consumers() == row.consumers()).findFirst();
        Optional<Row> broker = ceilings(Row.BROKER_CEILING).stream()
                .filter(c -> c.workload().equals(BrokerCeiling.ANY) && c.consumers() == row.consumers()).findFirst();
        if (database.isEmpty() || broker.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.min(database.get().tps(), broker.get().tps()));
    }

    /** {@code row.tps / ceiling}, if there is a ceiling to compare with. */
    public OptionalDouble fractionOfCeiling(Row row) {
        OptionalDouble ceiling = ceilingFor(row);
        return ceiling.isPresent() && ceiling.getAsDouble() > 0
                ? OptionalDouble.of(row.tps() / ceiling.getAsDouble()) : OptionalDouble.empty();
    }

    /** Idempotent throughput over XA throughput, for the same runtime, workload and consumers. */
    public OptionalDouble idempotentOverXa(String runtime, String workload, int consumers) {
        Optional<Row> xa = find(runtime, TransferMode.XA, workload, consumers);
        Optional<Row> idempotent = find(runtime, TransferMode.IDEMPOTENT, workload, consumers);
        return xa.isPresent() && idempotent.isPresent() && xa.get().tps() > 0
                ? OptionalDouble.of(idempotent.get().tps() / xa.get().tps()) : OptionalDouble.empty();
    }

    private Optional<Row> find(String runtime, TransferMode mode, String workload, int consumers) {
        return rows.stream().filter(r -> r.runtime().equals(runtime) && r.mode().equals(mode.wireName())
                && r.workload().equals(workload) && r.consumers() == consumers).findFirst();
    }

    public String json() {
        JsonObjectBuilder root = Json.createObjectBuilder()
                .add("profile", info.profile()).add("date", info.date()).add("database", info.database())
                .add("machine", Json.createObjectBuilder().add("cores", info.cores()).add("os", info.os())
                        .add("java", info.java()))
                .add("syncsPerSecond", Json.createObjectBuilder()
                        .add("oneStream", round(limits.syncsPerSecondOneStream(), 0))
                        .add("eightStreams", round(limits.syncsPerSecondEightStreams(), 0)))
                .add("cpuFloorMs", round(limits.cpuFloorMs(), 3))
                .add("cpuFloorParts", Json.createObjectBuilder()
                        .add("databaseCpuMs", round(limits.databaseCpuMs(), 3))
                        .add("brokerCpuMs", round(limits.brokerCpuMs(), 3)));
        if (syncs.isEmpty()) {
            // /proc/<pid>/io counts write calls, not syncs: without strace there is no honest count.
            root.add("forcedSyncsPerTransfer", "not counted");
        } else {
            JsonArrayBuilder list = Json.createArrayBuilder();
            syncs.forEach(c -> {
                JsonObjectBuilder byFile = Json.createObjectBuilder();
                c.writes().byTarget().forEach((target, calls) -> byFile.add(target, calls));
                list.add(Json.createObjectBuilder().add("scenario", c.scenario()).add("series", c.series())
                        .add("processes", c.processes()).add("transfers", c.transfers()).add("syncs", c.syncs())
                        .add("perTransfer", round(c.perTransfer(), 2)).add("byFile", byFile));
            });
            root.add("forcedSyncsPerTransfer", list);
        }
        JsonArrayBuilder measured = Json.createArrayBuilder();
        for (Row r : measured()) {
            JsonObjectBuilder o = rowJson(r);
            fractionOfCeiling(r).ifPresent(f -> o.add("fractionOfCeiling", round(f, 3)));
            measured.add(o);
        }
        root.add("rows", measured);
        if (!costs.isEmpty()) {
            JsonArrayBuilder scaling = Json.createArrayBuilder();
            costs.forEach(c -> {
                JsonObjectBuilder o = Json.createObjectBuilder().add("scenario", c.scenario()).add("process", c.process())
                        .add("transfers", c.transfers()).add("cpuMsPerTransfer", round(c.cpuMsPerTransfer(), 2));
                syncsOf(c).ifPresent(n -> o.add("syncsPerTransfer", round(n.perTransfer(), 2)));
                scaling.add(o);
            });
            root.add("scaling", scaling);
        }
        if (!ladders.isEmpty()) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            ladders.forEach(ladder -> {
                JsonArrayBuilder steps = Json.createArrayBuilder();
                ladder.steps().forEach(step -> steps.add(Json.createObjectBuilder().add("step", step.name())
                        .add("covers", step.covers()).add("transfers", step.transfers())
                        .add("p50Ms", round(step.latency().p50Ms(), 2)).add("p99Ms", round(step.latency().p99Ms(), 2))));
                list.add(Json.createObjectBuilder().add("scenario", ladder.scenario()).add("steps", steps));
            });
            root.add("latencyLadders", list);
        }
        JsonObjectBuilder ceilings = Json.createObjectBuilder();
        for (String kind : List.of("database", "broker")) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            ceilings(kind).forEach(r -> list.add(rowJson(r)));
            ceilings.add(kind, list);
        }
        root.add("ceilings", ceilings);
        JsonArrayBuilder noteList = Json.createArrayBuilder();
        notes.forEach(noteList::add);
        root.add("notes", noteList);
        StringWriter out = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(root.build());
        }
        return out.toString().strip() + "\n";
    }

    private JsonObjectBuilder rowJson(Row r) {
        JsonObjectBuilder o = Json.createObjectBuilder()
                .add("runtime", r.runtime()).add("mode", r.mode()).add("workload", r.workload())
                .add("consumers", r.consumers()).add("transfers", r.transfers()).add("tps", round(r.tps(), 1))
                .add("p50Ms", round(r.latency().p50Ms(), 3)).add("p95Ms", round(r.latency().p95Ms(), 3))
                .add("p99Ms", round(r.latency().p99Ms(), 3)).add("maxMs", round(r.latency().maxMs(), 3));
        if (r.cpuMsPerTransfer() != null) {
            o.add("cpuMsPerTransfer", round(r.cpuMsPerTransfer(), 3));
        } else {
            o.addNull("cpuMsPerTransfer");
        }
        if (r.heapUsedMb() != null) {
            o.add("heapUsedMb", round(r.heapUsedMb(), 1));
        }
        limits.ofSyncLimit(r, syncs).ifPresent(f -> o.add("ofSyncLimit", round(f, 3)));
        limits.ofCpuFloor(r).ifPresent(f -> o.add("ofCpuFloor", round(f, 2)));
        return o.add("latencyMeaning", r.latencyMeaning());
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /**
     * @param charts file names of the charts, relative to the report, in the order they are shown
     */
    public String markdown(List<String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# Ledgerline benchmark (").append(info.profile()).append(" run)\n\n");
        md.append("Run ").append(info.date()).append(" on ").append(info.cores()).append(" cores, ")
                .append(info.os()).append(", Java ").append(info.java()).append(", database ").append(info.database())
                .append(".\n\n");
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        if (syncs.isEmpty()) {
            md.append("- Forced disk syncs per transfer: not counted (strace missing or not permitted to attach; "
                    + "/proc/<pid>/io counts write calls, not syncs).\n");
        }
        md.append('\n');

        md.append("## This machine's limits\n\n");
        md.append(String.format(Locale.ROOT, "Measured at the start of this run. Forced writes: a 4 KiB page "
                + "overwritten and forced with fdatasync, again and again, in the run's data directory: **%.0f per "
                + "second** from one stream, **%.0f** from eight streams together. CPU floor: what the parts of a "
                + "transfer spend alone, **%.2f ms** per transfer (the database ceiling's work with its JDBC client, "
                + "%.2f ms, plus one broker round trip, %.2f ms, one thread each).%n%n", limits.syncsPerSecondOneStream(),
                limits.syncsPerSecondEightStreams(), limits.cpuFloorMs(), limits.databaseCpuMs(), limits.brokerCpuMs()));
        md.append("Each row below is read against them. **of sync limit** = tps ÷ (sync rate ÷ forced writes per "
                + "transfer), with the forced writes every process made per transfer in the traced pass that stands "
                + "for the row (see Forced disk syncs) and the one-stream rate for one consumer, the eight-stream rate "
                + "for more; above 100 % means the writes of several transfers were grouped into one sync. **CPU ÷ "
                + "floor** = CPU ms per transfer ÷ the floor: how many times what the parts alone spend. These ratios "
                + "carry over to another machine; the absolute figures do not.\n\n");

        md.append("## Results\n\n");
        md.append("| runtime | mode | workload | consumers | transfers | tps | p50 ms | p95 ms | p99 ms | max ms "
                + "| CPU ms/transfer | heap MB | of ceiling | of sync limit | CPU ÷ floor |\n");
        md.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : measured()) {
            md.append(tableRow(r)).append(" | ")
                    .append(fractionOfCeiling(r).stream().mapToObj(f -> percent(f)).findFirst().orElse("–"))
                    .append(limitColumns(r)).append(" |\n");
        }

        md.append("\n## Ceilings\n\n");
        md.append("The database alone: the same debit, credit, two ledger entries and status update "
                + "(`LockingTransferApplier`) in one local JDBC transaction per transfer, in a tight loop, on a fresh "
                + "database like the server's. The broker alone: a persistent send committed, then a "
                + "receive committed (the acknowledgement), per transfer, on a fresh broker. Latency is the time of "
                + "one such unit of work.\n\n");
        md.append("| ceiling | workload | consumers | transfers | tps | p50 ms | p95 ms | p99 ms | max ms | CPU ms/transfer "
                + "| heap MB | of sync limit | CPU ÷ floor |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows.stream().filter(Row::isCeiling).toList()) {
            md.append(tableRow(r).replaceFirst("^\\| ceiling ", "")).append(limitColumns(r)).append(" |\n");
        }

        if (!costs.isEmpty()) {
            md.append("\n## Scaling: what each process spends per transfer\n\n");
            md.append("The cluster rows above, process by process: CPU (user + system, with its children) per transfer "
                    + "in the timed pass, and fsync/fdatasync calls per transfer in an untimed pass with strace attached "
                    + "to that process alone (\"–\" where it could not attach). These are what a reader multiplies to "
                    + "project the cluster to more hosts.\n\n");
            md.append("| scenario | process | CPU ms/transfer | syncs/transfer |\n| --- | --- | ---: | ---: |\n");
            costs.forEach(c -> md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %s |%n", c.scenario(),
                    c.process(), c.cpuMsPerTransfer(), syncsOf(c).map(n -> String.format(Locale.ROOT, "%.2f",
                            n.perTransfer())).orElse("–"))));
        }

        if (!ladders.isEmpty()) {
            md.append("\n## Where the time goes, at half load\n\n");
            md.append("Each open-loop scenario's transfers, step by step: from when the request was due (the load's "
                    + "clock) and the timestamps the server wrote: the transfer's intake, the relay's publication "
                    + "(idempotent only), the consumer's completion. Percentiles of each step are taken over all "
                    + "transfers separately, so the steps' p99s do not add up to the total's.\n\n");
            md.append("| scenario | step | covers | transfers | p50 ms | p99 ms |\n| --- | --- | --- | ---: | ---: | ---: |\n");
            ladders.forEach(ladder -> ladder.steps().forEach(step -> md.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %d | %.1f | %.1f |%n", ladder.scenario(), step.name(), step.covers(),
                    step.transfers(), step.latency().p50Ms(), step.latency().p99Ms()))));
        }

        if (!syncs.isEmpty()) {
            md.append("\n## Forced disk syncs\n\n");
            md.append("fsync, fdatasync and msync calls counted by `strace -f -y` attached to the processes, in untimed "
                    + "passes (tracing slows a process down), per transfer completed while traced, with the file each "
                    + "call forced (msync by the file mapped at its address: Liberty's transaction log is a mapped "
                    + "file, forced without any fsync).\n\n");
            md.append("| pass | processes | transfers | syncs | per transfer | per transfer, by call and file |\n"
                    + "| --- | --- | ---: | ---: | ---: | --- |\n");
            syncs.forEach(c -> md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %s |%n", c.scenario(),
                    c.processes(), c.transfers(), c.syncs(), c.perTransfer(),
                    c.writes().describePerTransfer(c.transfers()))));
        }

        List<String> ratios = new ArrayList<>();
        for (Row r : measured()) {
            if (r.mode().equals(TransferMode.XA.wireName())) {
                idempotentOverXa(r.runtime(), r.workload(), r.consumers()).ifPresent(x -> ratios.add(
                        String.format(Locale.ROOT, "| %s | %s | %d | %.2f |", r.runtime(), r.workload(), r.consumers(), x)));
            }
        }
        if (!ratios.isEmpty()) {
            md.append("\n## Idempotent throughput over XA throughput\n\n");
            md.append("| runtime | workload | consumers | idempotent / XA |\n| --- | --- | ---: | ---: |\n");
            ratios.forEach(line -> md.append(line).append('\n'));
        }

        if (!charts.isEmpty()) {
            md.append("\n## Charts\n\n");
            charts.forEach(c -> md.append("![").append(c).append("](").append(c).append(")\n\n"));
        }

        md.append("## What the latency columns measure\n\n");
        rows.stream().map(r -> r.runtime() + " " + r.mode() + ": " + r.latencyMeaning()).distinct()
                .forEach(line -> md.append("- ").append(line).append('\n'));
        return md.toString();
    }

    private static String tableRow(Row r) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %s",
                r.runtime(), r.mode(), r.workload(), r.consumers(), r.transfers(), r.tps(), r.latency().p50Ms(),
                r.latency().p95Ms(), r.latency().p99Ms(), r.latency().maxMs(),
                r.cpuMsPerTransfer() == null ? "–" : String.format(Locale.ROOT, "%.2f", r.cpuMsPerTransfer()),
                r.heapUsedMb() == null ? "–" : String.format(Locale.ROOT, "%.0f", r.heapUsedMb()));
    }

    /** The "of sync limit" and "CPU ÷ floor" cells, each with its leading separator. */
    private String limitColumns(Row r) {
        return " | " + limits.ofSyncLimit(r, syncs).stream().mapToObj(BenchReport::percent).findFirst().orElse("–")
                + " | " + limits.ofCpuFloor(r).stream().mapToObj(f -> String.format(Locale.ROOT, "%.1f", f))
                .findFirst().orElse("–");
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    /** Writes report.json, report.md and the charts into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), json());
        List<String> charts = BenchCharts.write(this, dir);
        Files.writeString(dir.resolve("report.md"), markdown(charts));
    }
}
