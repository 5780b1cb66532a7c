package dev.ledgerline.drills;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.ledgerline.harness.Installation;
import dev.ledgerline.harness.cli.DatabaseConverter;
import dev.ledgerline.harness.cli.ModeMixConverter;
import dev.ledgerline.harness.database.Database;
import dev.ledgerline.harness.load.ModeMix;
import dev.ledgerline.testkit.LibertyServer;

/**
 * {@code drills list | run <name>… | run --all [--database h2] | run --lite}: the crash-drill runner. Exits
 * non-zero when a drill did not end as expected, so it can gate a build.
 */
@Command(name = "drills", mixinStandardHelpOptions = true,
        description = "Kills a part of Ledgerline at each crash point, restarts it, and checks every invariant.",
        subcommands = {Drills.ListDrills.class, Drills.RunDrills.class, Drills.Soak.class, Drills.Stress.class})
public final class Drills {

    @Option(names = "--project-root", description = "The built checkout (default: ${DEFAULT-VALUE}).", defaultValue = ".")
    Path projectRoot;

    @Option(names = "--output", description = "Where reports, charts and run directories go (default: ${DEFAULT-VALUE}).",
            defaultValue = "target/drills")
    Path output;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Drills()).execute(args));
    }

    @Command(name = "list", description = "Lists every drill with what it teaches.")
    static final class ListDrills implements Callable<Integer> {
        @Override
        public Integer call() {
            for (Drill d : DrillCatalog.all()) {
                System.out.printf("%-58s %s%n", d.name(), d.isControl() ? "[unsafe control: must break "
                        + String.join(", ", d.mustFail()) + "]" : d.lesson());
            }
            return 0;
        }
    }

    @Command(name = "soak", description = "Transfers in both designs while random processes are killed; then the checker.")
    static final class Soak implements Callable<Integer> {
        @CommandLine.ParentCommand
        Drills parent;

        @Option(names = "--minutes", description = "How long to keep killing (default: ${DEFAULT-VALUE}).", defaultValue = "2")
        long minutes;

        @Option(names = "--database", description = "postgresql or h2 (default: ${DEFAULT-VALUE}).", defaultValue = "postgresql",
                converter = DatabaseConverter.class)
        Database database;

        @Option(names = "--seed", description = "Seed of the load and of the kill schedule (default: ${DEFAULT-VALUE}).",
                defaultValue = "42")
        long seed;

        @Option(names = "--cluster", description = "Soak a cluster instead (two servers, a worker, a broker pair and "
                + "HAProxy, on PostgreSQL): any of its processes is killed and restarted every 20 to 40 s.")
        boolean cluster;

        @Override
        public Integer call() throws Exception {
            if (cluster && database != Database.POSTGRESQL) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--cluster runs on PostgreSQL only");
            }
            DrillResult r = new DrillRunner(new Installation(parent.projectRoot), parent.output, seed)
                    .soakFor(Duration.ofMinutes(minutes))
                    .run(cluster ? DrillRunner.clusterSoak() : DrillRunner.soak(database));
            new DrillReport(parent.output.resolve("soak")).write(List.of(r));
            System.out.println("soak: " + (r.passed() ? "every invariant held" : "NOT as expected: " + r.broken() + " " + r.notes())
                    + "; report: " + parent.output.resolve("soak/report.md"));
            return r.passed() ? 0 : 1;
        }
    }

    @Command(name = "stress", description = "Transfers in both designs on a few accounts from many clients, no faults, "
            + "repeated on fresh systems; then the checker: how often is money lost?")
    static final class Stress implements Callable<Integer> {
        @CommandLine.ParentCommand
        Drills parent;

        @Option(names = "--database", description = "postgresql or h2 (default: ${DEFAULT-VALUE}).", defaultValue = "postgresql",
                converter = DatabaseConverter.class)
        Database database;

        @Option(names = "--mode", description = "mixed (XA and idempotent alternating), xa or idempotent (default: ${DEFAULT-VALUE}).",
                defaultValue = "mixed", converter = ModeMixConverter.class)
        ModeMix mode;

        @Option(names = "--transfers", description = "Transfers per run (default: ${DEFAULT-VALUE}).", defaultValue = "3000")
        int transfers;

        @Option(names = "--runs", description = "Runs, each on a fresh system (default: ${DEFAULT-VALUE}).", defaultValue = "5")
        int runs;

        @Option(names = "--clients", description = "Concurrent HTTP clients (default: ${DEFAULT-VALUE}).", defaultValue = "16")
        int clients;

        @Option(names = "--seed", description = "Seed of the planned load; run N uses seed + N (default: ${DEFAULT-VALUE}).",
                defaultValue = "42")
        long seed;

        @Override
        public Integer call() throws Exception {
            Path dir = parent.output.resolve("stress");
            StressRunner runner = new StressRunner(new Installation(parent.projectRoot));
            List<StressRunner.Result> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                StressRunner.Result r = runner.run(database, mode, transfers, clients, seed, run, dir.resolve("runs").resolve("run-" + run));
                results.add(r);
                new StressReport(dir).write(results);
                System.out.println("stress run " + run + " of " + runs + ": " + r.accepted() + " accepted, "
                        + r.lost().count() + " lost balance updates, money off by " + r.lost().minorUnits() + " minor units"
                        + (r.note().isEmpty() ? "" : "; " + r.note()));
            }
            System.out.println("stress on " + database.label() + " (" + mode.label() + "): " + StressReport.summary(results)
                    + "; report: " + dir.resolve("report.md"));
            return results.stream().allMatch(StressRunner.Result::held) ? 0 : 1;
        }
    }

    @Command(name = "run", description = "Runs the named drills, all of them, or the lite subset.")
    static final class RunDrills implements Callable<Integer> {
        @CommandLine.ParentCommand
        Drills parent;

        @Option(names = "--all", description = "Every drill of the matrix on one database (see --database).")
        boolean all;

        // Not every cell on both databases by default: H2 loses committed updates under concurrent load (its
        // defect, see docs/h2-lost-update.md), so its loaded cells fail by chance and would make the gate a
        // coin toss. They stay one option away, to show what H2 cannot hold.
        @Option(names = "--database", description = "The database of --all: postgresql or h2 (default: ${DEFAULT-VALUE}).",
                defaultValue = "postgresql", converter = DatabaseConverter.class)
        Database database;

        @Option(names = "--lite", description = "The subset the Tests command runs.")
        boolean lite;

        @Option(names = "--seed", description = "Seed of the planned load (default: ${DEFAULT-VALUE}).", defaultValue = "42")
        long seed;

        @Option(names = "--repeat", description = "Runs each chosen drill this many times, each on a fresh system, "
                + "to measure how often an intermittent failure comes (default: ${DEFAULT-VALUE}).", defaultValue = "1")
        int repeat;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Drill names, or prefixes such as liberty.h2.xa")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<Drill> chosen = choose();
            if (chosen.isEmpty()) {
                System.err.println("no drill chosen: name some, or use --all or --lite (see `drills list`)");
                return 2;
            }
            DrillRunner runner = new DrillRunner(new Installation(parent.projectRoot), parent.output, seed);
            List<DrillResult> results = new ArrayList<>();
            for (Drill d : chosen) {
                for (int round = 1; round <= repeat; round++) {
                    String label = d.name() + (repeat > 1 ? " (" + round + " of " + repeat + ")" : "");
                    System.out.println("drill " + label + " ...");
                    DrillResult r = runner.run(d);
                    results.add(r);
                    System.out.println("drill " + label + ": " + (r.passed() ? "as expected" : "NOT as expected")
                            + (r.broken().isEmpty() ? "" : " (broken: " + String.join(", ", r.broken()) + ")")
                            + (r.aborted() ? " " + r.notes().get(r.notes().size() - 1) : ""));
                    new DrillReport(parent.output).write(results);
                    if (!r.passed() && repeat > 1) {
                        // The next round wipes the drill's run directory: keep this one's evidence beside it.
                        Path runDir = parent.output.resolve("runs").resolve(d.name());
                        Path kept = runDir.resolveSibling(d.name() + ".failed-" + round);
                        LibertyServer.deleteTree(kept);
                        Files.move(runDir, kept);
                    }
                }
            }
            long bad = results.stream().filter(r -> !r.passed()).count();
            System.out.println(results.size() - bad + " of " + results.size() + " drills as expected; report: "
                    + parent.output.resolve("report.md"));
            return bad == 0 ? 0 : 1;
        }

        private List<Drill> choose() {
            if (all) {
                return DrillCatalog.matrix(database);
            }
            List<String> wanted = new ArrayList<>(names);
            if (lite) {
                wanted.addAll(DrillCatalog.LITE);
            }
            Map<String, Drill> chosen = new LinkedHashMap<>();
            for (String w : wanted) {
                List<Drill> matching = DrillCatalog.all().stream()
                        .filter(d -> d.name().equals(w) || d.name().startsWith(w + ".")).toList();
                if (matching.isEmpty()) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "no drill named " + w);
                }
                matching.forEach(d -> chosen.put(d.name(), d));
            }
            return List.copyOf(chosen.values());
        }
    }
}
