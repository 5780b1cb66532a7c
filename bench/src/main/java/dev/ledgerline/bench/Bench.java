package dev.ledgerline.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.ledgerline.harness.Installation;
import dev.ledgerline.harness.cli.DatabaseConverter;
import dev.ledgerline.harness.database.Database;

/**
 * {@code bench [--short | --full]}: XA against idempotent, in Liberty and in the Narayana worker, with the
 * database-alone and broker-alone ceilings, in one run. Writes report.json, report.md and the charts; exits
 * non-zero, before writing a figure, if any scenario broke an invariant.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmarks XA against idempotent in Liberty and in the worker, with the ceilings, in one run.")
public final class Bench implements Callable<Integer> {

    private static final int WARMUP_UNITS = 300;
    /** A traced pass: enough transfers for a steady count, few enough for a slowed-down process. */
    private static final int SYNC_COUNT_TRANSFERS = 200;

    static final class Length {
        @Option(names = "--short", description = "Consumers 1 and 4, small runs: under five minutes on two cores (default).")
        boolean shortRun;

        @Option(names = "--full", description = "Consumers 1, 2, 4 and 8, larger runs.")
        boolean fullRun;
    }

    @ArgGroup(exclusive = true)
    Length length;

    @Option(names = "--consumers", split = ",",
            description = "Only these concurrency levels, in place of the length's (e.g. --full --consumers 8: the "
                    + "full run's sizes at 8 consumers, open loop included, for a before and after of one change).")
    List<Integer> consumers;

    @Option(names = "--project-root", defaultValue = ".", description = "The built checkout (default: ${DEFAULT-VALUE}).")
    Path projectRoot;

    @Option(names = "--output", defaultValue = "target/bench",
            description = "Where the report, the charts and the run directories go (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--only", split = ",",
            description = "What to measure, of ceilings, worker, liberty and cluster (default: ceilings, worker and "
                    + "liberty; with --full, cluster too).")
    Set<BenchPart> parts;

    @Option(names = "--profile",
            description = "Record each closed-loop Liberty scenario with Java Flight Recorder and write profile.md "
                    + "(CPU by code area, hottest methods, forced disk writes per transfer). The figures then "
                    + "include the recorder's overhead: compare profiled runs with profiled runs.")
    boolean profileLiberty;

    @Option(names = "--database", defaultValue = "postgresql", converter = DatabaseConverter.class,
            description = "The database of every scenario: postgresql or h2 (default: ${DEFAULT-VALUE}).")
    Database database;

    @Option(names = "--broker-journal", defaultValue = "tuned",
            description = "The journal of the worker's and Liberty's brokers: tuned (the broker's default) or "
                    + "artemis_defaults (NIO at Artemis's 3.33 ms timer, as before the broker tuned it), to measure "
                    + "the change before and after. The ceilings measure both either way (default: ${DEFAULT-VALUE}).")
    BrokerJournal brokerJournal;

    @Option(names = "--warmup-rounds",
            description = "The most warm-up rounds a fresh Liberty or ceiling broker gets; each stops earlier once its "
                    + "JIT is quiet (default: the profile's, 3 short, 20 full). 1 warms up as runs did before the "
                    + "warm-up waited for the JIT: one round for Liberty, two for a broker.")
    Integer warmupRounds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every workload (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--http-port", defaultValue = "0", description = "Liberty's HTTP port; 0 for a free one (default).")
    int httpPort;

    @Option(names = "--broker-port", defaultValue = "0", description = "The broker's port; 0 for a free one (default).")
    int brokerPort;

    @Option(names = "--status-port", defaultValue = "0", description = "The worker's status port; 0 for a free one (default).")
    int statusPort;

    /**
     * Flyway's INFO lines for every scenario's fresh database would bury the benchmark's own. Held in a field:
     * java.util.logging keeps loggers weakly, and a collected logger forgets its level.
     */
    private static final java.util.logging.Logger FLYWAY = java.util.logging.Logger.getLogger("org.flywaydb");

    public static void main(String[] args) {
        FLYWAY.setLevel(java.util.logging.Level.WARNING);
        // --only's values are the parts' names in the report's lower case.
        System.exit(new CommandLine(new Bench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean full = length != null && length.fullRun;
        Profile profile = full ? Profile.FULL : Profile.SHORT;
        if (consumers != null) {
            profile = profile.atConsumers(consumers);
        }
        if (warmupRounds != null) {
            profile = profile.withWarmupRounds(warmupRounds);
        }
        if (parts == null) {
            // The scaling rows start a cluster per shape, minutes each: part of the full run, not the short one.
            parts = full ? EnumSet.allOf(BenchPart.class)
                    : EnumSet.of(BenchPart.CEILINGS, BenchPart.WORKER, BenchPart.LIBERTY);
        }
        // Absolute: the paths go into the environment of processes started elsewhere (Liberty's output, H2's URL).
        projectRoot = projectRoot.toAbsolutePath().normalize();
        output = output.toAbsolutePath().normalize();
        Installation installation = new Installation(projectRoot).useForChildProcesses();
        Path runs = output.resolve("runs");
        Ports ports = new Ports(httpPort, brokerPort, statusPort);
        Instant started = Instant.now();
        List<Row> rows = new ArrayList<>();
        List<SyncCount> syncs = new ArrayList<>();
        List<ClusterScenarios.ProcessCost> costs = new ArrayList<>();
        List<LatencyLadder> ladders = new ArrayList<>();
        MachineLimits limits = MachineLimits.measure(runs.resolve("limits"), database, ports, profile, seed);
        try {
            if (parts.contains(BenchPart.CEILINGS)) {
                rows.addAll(ceilings(database, profile, runs, ports, syncs));
            }
            if (parts.contains(BenchPart.WORKER)) {
                WorkerScenario worker = new WorkerScenario(database, runs, ports, seed, brokerJournal);
                for (int consumers : profile.consumers()) {
                    for (Workload workload : Workload.values()) {
                        rows.add(announce(worker.run(workload, consumers, profile.workerTransfers())));
                    }
                }
                worker.countSyncs(Workload.UNIFORM, SYNC_COUNT_TRANSFERS, syncs);
            }
            if (parts.contains(BenchPart.LIBERTY)) {
                LibertyScenarios liberty = new LibertyScenarios(installation, database, runs, ports, profile, seed,
                        brokerJournal);
                if (profileLiberty) {
                    liberty.recordProfiles(output.resolve("profiles"));
                }
                int most = profile.consumers().get(profile.consumers().size() - 1);
                int fewest = profile.consumers().get(0);
                for (int consumers : profile.consumers()) {
                    liberty.run(consumers, List.of(Workload.values()), consumers == most, consumers == fewest)
                            .forEach(r -> rows.add(announce(r)));
                }
                syncs.addAll(liberty.syncs());
                ladders.addAll(liberty.ladders());
                if (profileLiberty) {
                    ProfileReport.write(liberty.profiles(), output.resolve("profile.md"));
                }
            }
            if (parts.contains(BenchPart.CLUSTER)) {
                ClusterScenarios cluster = new ClusterScenarios(installation, runs, profile, seed);
                for (ClusterScenarios.Shape shape : ClusterScenarios.SHAPES) {
                    cluster.run(shape).forEach(r -> rows.add(announce(r)));
                }
                costs.addAll(cluster.costs());
                syncs.addAll(cluster.syncs());
            }
        } catch (InvariantGate.InvariantsBroken e) {
            System.err.println("bench: FAILED, an invariant broke; no report is written. " + e.getMessage());
            return 1;
        }
        BenchReport report = new BenchReport(new BenchReport.RunInfo(profile.name(),
                DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " "
                + System.getProperty("os.arch"), System.getProperty("java.version"), database.label()), limits, rows,
                syncs, costs, ladders, notes(database, profile, parts));
        report.write(output);
        System.out.println("bench: " + rows.size() + " rows in " + java.time.Duration.between(started, Instant.now())
                .toSeconds() + " s; report: " + output.resolve("report.md"));
        return 0;
    }

    private List<Row> ceilings(Database db, Profile profile, Path runs, Ports ports, List<SyncCount> syncs)
            throws Exception {
        DatabaseCeiling database = new DatabaseCeiling(db, runs);
        BrokerCeiling broker = new BrokerCeiling(runs, ports, BrokerJournal.TUNED, profile.warmupRounds());
        // The broker as it ran before it tuned its journal, measured beside it: the change's before and after.
        BrokerCeiling untuned = new BrokerCeiling(runs, ports, BrokerJournal.ARTEMIS_DEFAULTS, profile.warmupRounds());
        // The database ceiling runs in this JVM, and the broker's clients too: a first, unreported pass of each
        // loads and compiles their code, as the runtimes' warm-up does. The traced passes are untimed.
        database.run(Workload.UNIFORM, 1, WARMUP_UNITS, seed);
        database.countSyncs(SYNC_COUNT_TRANSFERS, seed, syncs);
        broker.countSyncs(WARMUP_UNITS, syncs);
        untuned.countSyncs(WARMUP_UNITS, syncs);
        List<Row> rows = new ArrayList<>();
        for (int consumers : profile.consumers()) {
            for (Workload workload : Workload.values()) {
                rows.add(announce(database.run(workload, consumers, profile.ceilingTransfers(), seed)));
            }
            rows.add(announce(broker.run(consumers, profile.ceilingTransfers())));
            rows.add(announce(untuned.run(consumers, profile.ceilingTransfers())));
        }
        return rows;
    }

    private static Row announce(Row r) {
        System.out.printf(java.util.Locale.ROOT, "bench: %-8s %-10s %-9s c%d: %d in %.1f tps, p50 %.1f ms, p99 %.1f ms%n",
                r.runtime(), r.mode(), r.workload(), r.consumers(), r.transfers(), r.tps(), r.latency().p50Ms(),
                r.latency().p99Ms());
        return r;
    }

    /** What the report says about how it measured, for the parts that ran. */
    private static List<String> notes(Database database, Profile profile, Set<BenchPart> parts) {
        List<String> notes = new ArrayList<>(List.of(
                "Profile " + profile.name() + ": consumers " + profile.consumers() + "; " + profile.workerTransfers()
                        + " transfers per worker scenario, " + profile.libertyTransfers() + " per Liberty scenario, "
                        + profile.ceilingTransfers() + " per ceiling scenario. Warm-up, unmeasured: a fresh Liberty gets "
                        + "rounds of " + profile.warmupTransfers() + " transfers per mode, a ceiling's broker rounds of "
                        + BrokerCeiling.WARMUP_ROUND_TRIPS + " round trips (at least " + BrokerCeiling.MIN_WARMUP_ROUNDS
                        + "), until the JIT compiler threads took under "
                        + Math.round(100 * JitWarmUp.QUIET_SHARE) + " % of the process's CPU in a round, or "
                        + profile.warmupRounds() + " rounds; a cluster's servers one round.",
                "Workloads: uniform = 1,000 accounts of the benchmark's own; contended = ACC-001..ACC-003. Amounts up to "
                        + Workload.MAX_AMOUNT_MINOR / 100 + ".00 EUR. Database: " + database.description()
                        + "; a fresh one and a fresh broker per worker and ceiling scenario, one per Liberty start.",
                "Throughput: (completions - 1) over the time from the first completion to the last, from the database's "
                        + "completed_at (ceilings: units of work over wall time).",
                "CPU: user + system time of the process under test (Liberty, the worker, the broker; the benchmark's own "
                        + "JVM and the database server for the database ceiling) per transfer; the worker's from its ready "
                        + "line. A PostgreSQL server's own CPU is not in the Liberty and worker rows. Heap: in use after "
                        + "jcmd GC.run at the end of the scenario.",
                "Every scenario ends with the invariant checker (and, for the runtimes, the drills' broker and "
                        + "coordinator checks); a broken invariant stops the run with no report."));
        if (parts.contains(BenchPart.LIBERTY)) {
            notes.addAll(List.of(
                    "Liberty: " + profile.clients() + " closed-loop HTTP clients in the benchmark's JVM (a process of its "
                            + "own, not the server's); one server start per consumer count serves both modes and both "
                            + "workloads, in that order; consumers = LEDGERLINE_XA_CONSUMERS = LEDGERLINE_IDEMPOTENT_CONSUMERS.",
                    "Liberty open loop (at the highest consumer count, uniform workload): requests sent on a fixed "
                            + "schedule at half the rate the closed loop sustained, latency counted from when each was due, "
                            + "so a slow answer cannot hide the wait (no coordinated omission)."));
        }
        if (parts.contains(BenchPart.CLUSTER)) {
            notes.add("Cluster (the scaling rows): both designs, uniform workload, " + profile.libertyTransfers()
                    + " transfers through HAProxy from " + profile.clients() + " closed-loop clients, on PostgreSQL "
                    + "and one broker, for each size: servers with " + ClusterScenarios.CONSUMERS + " consumers per "
                    + "design each, and Narayana workers with " + ClusterScenarios.CONSUMERS + " XA consumers each. "
                    + "CPU: every process of the cluster (servers, workers, broker, PostgreSQL with its backends, "
                    + "HAProxy), summed in the row and listed one by one under Scaling. All of them share this "
                    + "machine's cores.");
        }
        if (parts.contains(BenchPart.WORKER)) {
            notes.add(
                    "Worker: XA only (the worker has no idempotent consumer); a preloaded backlog, so its latency is "
                            + "queueing time; no open-loop worker run.");
        }
        return notes;
    }
}
