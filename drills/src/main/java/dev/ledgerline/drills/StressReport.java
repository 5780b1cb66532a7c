package dev.ledgerline.drills;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.ledgerline.ledger.check.InvariantResult;

/**
 * {@code report.md} of a stress: one row per run (transfers accepted, lost balance updates, money created
 * or destroyed, invariants broken) and the rate over all runs, rewritten after each run so that an
 * interrupted stress still leaves its finished rows.
 */
final class StressReport {

    private final Path dir;

    StressReport(Path dir) {
        this.dir = dir;
    }

    void write(List<StressRunner.Result> results) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("# Stress: ").append(summary(results)).append("\n\n")
                .append("Written ").append(Instant.now()).append(". Each run: a fresh database, broker and Liberty; ")
                .append("transfers among ").append(String.join(", ", StressRunner.ACCOUNTS))
                .append(" from many HTTP clients; no faults; then the drills' checker.\n\n")
                .append("| run | database | mode | accepted | load (s) | lost balance updates | money off (minor units) | broken |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (StressRunner.Result r : results) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %.1f | %d | %d | %s |%n", r.run(),
                    r.database().label(), r.mode().label(), r.accepted(), r.loadTime().toMillis() / 1000.0, r.lost().count(),
                    r.lost().minorUnits(), String.join(", ", broken(r))));
        }
        md.append('\n');
        for (StressRunner.Result r : results) {
            if (!r.held() || !r.note().isEmpty()) {
                md.append("## Run ").append(r.run()).append("\n\n");
                if (!r.note().isEmpty()) {
                    md.append("- ").append(r.note()).append('\n');
                }
                r.lost().accounts().forEach(a -> md.append("- ").append(a).append('\n'));
                r.invariants().stream().filter(i -> !i.holds())
                        .forEach(i -> md.append("- `").append(i.name()).append("`: ").append(i.detail()).append('\n'));
                md.append('\n');
            }
        }
        Files.writeString(dir.resolve("report.md"), md);
    }

    /** The line a reader needs: how many runs lost money, and the rate of lost updates per 10,000 transfers. */
    static String summary(List<StressRunner.Result> results) {
        long accepted = results.stream().mapToLong(StressRunner.Result::accepted).sum();
        long lost = results.stream().mapToLong(r -> r.lost().count()).sum();
        long losing = results.stream().filter(r -> !r.held()).count();
        return String.format(Locale.ROOT, "%d of %d runs broke an invariant; %d lost balance updates in %,d transfers "
                + "(%.2f per 10,000)", losing, results.size(), lost, accepted, accepted == 0 ? 0.0 : lost * 10_000.0 / accepted);
    }

    private static List<String> broken(StressRunner.Result r) {
        return r.invariants().stream().filter(i -> !i.holds()).map(InvariantResult::name).toList();
    }
}
