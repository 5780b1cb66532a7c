package dev.ledgerline.drills;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;

import dev.ledgerline.harness.Coordinator;
import dev.ledgerline.ledger.check.InvariantResult;

/**
 * {@code report.json} (one object per drill, the fields the issue names) and {@code report.md} (a table a
 * reader can scan, then every invariant of every drill with its first violation), for the drills of one
 * run, rewritten after each drill so that an interrupted run still leaves its finished rows.
 */
public final class DrillReport {

    /** The report's coordinator for a drill whose load has no XA transaction. */
    private static final String NO_COORDINATOR = "none";

    private final Path dir;

    public DrillReport(Path dir) {
        this.dir = dir;
    }

    public void write(List<DrillResult> results) throws IOException {
        Files.createDirectories(dir);
        writeJson(results);
        writeMarkdown(results);
    }

    private void writeJson(List<DrillResult> results) throws IOException {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (DrillResult r : results) {
            JsonObjectBuilder invariants = Json.createObjectBuilder();
            r.invariants().forEach(i -> invariants.add(i.name(), i.holds()));
            JsonArrayBuilder notes = Json.createArrayBuilder();
            r.notes().forEach(notes::add);
            r.invariants().stream().filter(i -> !i.holds()).forEach(i -> notes.add(i.name() + ": " + i.detail()));
            JsonObjectBuilder row = Json.createObjectBuilder()
                    .add("name", r.drill().name())
                    .add("mode", r.drill().modes().label())
                    .add("point", r.drill().pointName())
                    .add("victim", r.drill().victim().label())
                    .add("database", r.drill().database().label())
                    .add("coordinator", r.drill().coordinator().map(Coordinator::transactionManager)
                            .orElse(NO_COORDINATOR))
                    .add("submitted", r.submitted())
                    .add("completed", r.completed())
                    .add("rejected", r.rejected())
                    .add("failed", r.failed())
                    .add("invariants", invariants)
                    .add("expectedToBreak", Json.createArrayBuilder(new ArrayList<>(r.drill().mustFail())))
                    .add("passed", r.passed())
                    .add("notes", notes);
            if (r.recoverySeconds() == null) {
                row.addNull("recoverySeconds");
            } else {
                row.add("recoverySeconds", Math.round(r.recoverySeconds() * 10) / 10.0);
            }
            if (r.chart() != null) {
                row.add("chart", r.chart());
            }
            rows.add(row);
        }
        var factory = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        try (var writer = factory.createWriter(Files.newBufferedWriter(dir.resolve("report.json")))) {
            writer.writeArray(rows.build());
        }
    }

    private void writeMarkdown(List<DrillResult> results) throws IOException {
        StringBuilder md = new StringBuilder("# Crash drills\n\n");
        long passed = results.stream().filter(DrillResult::passed).count();
        md.append("Written ").append(Instant.now()).append(": ").append(passed).append(" of ").append(results.size())
                .append(" drills as expected. A real design's row passes when every invariant holds; an unsafe ")
                .append("control's row passes when exactly its flaw's invariants break.\n\n");
        md.append("| drill | victim | db | mode | point | accepted | completed | rejected | failed | recovery s | broken invariants | as expected |\n");
        md.append("|---|---|---|---|---|---:|---:|---:|---:|---:|---|---|\n");
        for (DrillResult r : results) {
            md.append("| ").append(r.drill().name())
                    .append(" | ").append(r.drill().victim().label())
                    .append(" | ").append(r.drill().database().label())
                    .append(" | ").append(r.drill().modes().label())
                    .append(" | ").append(r.drill().pointName())
                    .append(" | ").append(r.submitted())
                    .append(" | ").append(r.completed())
                    .append(" | ").append(r.rejected())
                    .append(" | ").append(r.failed())
                    .append(" | ").append(r.recoverySeconds() == null ? "–" : String.format("%.1f", r.recoverySeconds()))
                    .append(" | ").append(r.aborted() ? "(aborted)" : r.broken().isEmpty() ? "none" : String.join(", ", r.broken()))
                    .append(" | ").append(r.passed() ? "yes" : "**NO**")
                    .append(" |\n");
        }
        md.append("\n## Details\n");
        for (DrillResult r : results) {
            md.append("\n### ").append(r.drill().name()).append("\n\n").append(r.drill().lesson()).append(".\n\n");
            if (r.chart() != null) {
                md.append("![total money, ").append(r.drill().name()).append("](").append(r.chart()).append(")\n\n");
            }
            for (InvariantResult i : r.invariants()) {
                md.append("- ").append(i.holds() ? "holds" : "**BROKEN**").append(" `").append(i.name()).append("`: ")
                        .append(i.detail()).append('\n');
            }
            r.notes().forEach(n -> md.append("- note: ").append(n).append('\n'));
        }
        Files.writeString(dir.resolve("report.md"), md);
    }
}
