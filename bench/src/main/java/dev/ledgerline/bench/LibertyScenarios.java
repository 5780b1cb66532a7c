package dev.ledgerline.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ledgerline.harness.Coordinator;
import dev.ledgerline.harness.Installation;
import dev.ledgerline.harness.RunDirectory;
import dev.ledgerline.harness.check.RunChecker;
import dev.ledgerline.harness.client.TransferClient;
import dev.ledgerline.harness.database.Database;
import dev.ledgerline.harness.database.DatabaseUnderTest;
import dev.ledgerline.harness.liberty.LibertyUnderTest;
import dev.ledgerline.harness.load.History;
import dev.ledgerline.harness.load.LoadGenerator;
import dev.ledgerline.harness.load.PlannedTransfer;
import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.BrokerProcess;

/**
 * Liberty with C consumers per design (LEDGERLINE_XA_CONSUMERS and LEDGERLINE_IDEMPOTENT_CONSUMERS), driven
 * over HTTP by the harness's load generator from this JVM. One server start serves every mode and workload at
 * that concurrency (a start costs more than a scenario); each scenario's transfers carry a key prefix of
 * their own, and its figures are read from the database after the server stops.
 */
final class LibertyScenarios {

    static final String LATENCY_MEANING = "submit to completion: from the transfer's creation (inside the POST) "
            + "to its completion by a consumer, both as the server's clock recorded them";
    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(10);
    /** Transfers in each traced pass: enough for a steady count, few enough for processes slowed by tracing. */
    private static final int TRACED_TRANSFERS = 200;
    private static final Duration FINAL_DEADLINE = Duration.ofMinutes(5);
    /** The two designs, in the order each server start measures them. */
    private static final List<TransferMode> MODES = List.of(TransferMode.XA, TransferMode.IDEMPOTENT);

    private final Installation installation;
    private final Database database;
    private final Path runsDir;
    private final Ports ports;
    private final Profile profile;
    private final long seed;

    /** Where each closed-loop scenario's flight recording goes; null when the run is not profiled. */
    private Path recordings;
    private final List<JfrProfile.Summary> profiles = new ArrayList<>();
    private final List<SyncCount> syncs = new ArrayList<>();
    private final List<LatencyLadder> ladders = new ArrayList<>();

    private final BrokerJournal brokerJournal;

    LibertyScenarios(Installation installation, Database database, Path runsDir, Ports ports, Profile profile,
                     long seed, BrokerJournal brokerJournal) {
        this.brokerJournal = brokerJournal;
        this.installation = installation;
        this.database = database;
        this.runsDir = runsDir;
        this.ports = ports;
        this.profile = profile;
        this.seed = seed;
    }

    static final String OPEN_LOOP_MEANING = "open loop at half the closed-loop rate: from when the request was due "
            + "(the load's clock) to completion (the server's clock; one machine)";
    /** The open-loop rate as a fraction of what the closed loop sustained: a server at half load. */
    private static final double OPEN_LOOP_LOAD = 0.5;
    /** The closed-loop rate assumed when the uniform workload was not measured at this concurrency. */
    private static final double FALLBACK_RATE = 10.0;

    /**
     * What one scenario left before the database could be read: its history, CPU and heap; for an open-loop
     * scenario, when each request was due.
     */
    private record Measured(TransferMode mode, String workload, String keyPrefix, History history, double cpuMs,
                            Double heapMb, Map<String, Instant> due) {
    }

    /** Records every closed-loop scenario with JFR into {@code dir} (the figures then include its overhead). */
    void recordProfiles(Path dir) throws IOException {
        this.recordings = Files.createDirectories(dir);
    }

    /** What the recordings said, one summary per profiled scenario, in run order. */
    List<JfrProfile.Summary> profiles() {
        return List.copyOf(profiles);
    }

    /** Where the time of each open-loop scenario went, step by step. */
    List<LatencyLadder> ladders() {
        return List.copyOf(ladders);
    }

    /** The forced writes counted in the traced passes, per process, for each design. */
    List<SyncCount> syncs() {
        return List.copyOf(syncs);
    }

    /**
     * @param openLoop   also run each mode open-loop on the uniform workload, at half the rate its closed loop
     *                   sustained
     * @param countSyncs also run each mode once with strace attached to Liberty, the broker and the database
     *                   server, untimed, after the warm-up
     */
    List<Row> run(int consumers, List<Workload> workloads, boolean openLoop, boolean countSyncs) throws Exception {
        Path dir = RunDirectory.fresh(runsDir.resolve("liberty-c" + consumers));
        List<Measured> measured = new ArrayList<>();
        boolean cleanLog;
        int brokerPort = ports.broker();
        try (DatabaseUnderTest db = DatabaseUnderTest.start(database, dir);
             BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"), brokerPort,
                     brokerJournal.brokerArgs());
             LibertyUnderTest liberty = new LibertyUnderTest(installation, dir, ports.http(), brokerPort,
                     environment(db, consumers), false)) {
            BenchDatabase.prepare(db);
            liberty.start();
            TransferClient client = liberty.client();
            // The first requests of a fresh server load and compile code; they are not measured. Both designs
            // in every round, until the server's JIT is quiet.
            AtomicInteger round = new AtomicInteger();
            JitWarmUp.run("Liberty, c" + consumers, liberty.pid(), 1, profile.warmupRounds(), () -> {
                int r = round.incrementAndGet();
                for (TransferMode mode : MODES) {
                    load(client, Workload.UNIFORM.plan("warmup-" + r + "-" + mode.wireName() + "-", mode,
                            profile.warmupTransfers(), seed + r));
                }
            });
            if (countSyncs) {
                Map<String, Long> processes = new LinkedHashMap<>(Map.of("liberty", liberty.pid(), "broker", broker.pid()));
                db.serverPid().ifPresent(pid -> processes.put("postgresql", pid));
                countSyncs(client, consumers, processes, dir);
            }
            Map<TransferMode, Double> sustainedUniform = new EnumMap<>(TransferMode.class);
            for (TransferMode mode : MODES) {
                for (Workload workload : workloads) {
                    String prefix = "bench-" + mode.wireName() + "-" + workload.label() + "-c" + consumers + "-";
                    String scenario = "liberty-" + mode.wireName() + "-" + workload.label() + "-c" + consumers;
                    JfrProfile recording = recordings == null ? null
                            : JfrProfile.start(liberty.pid(), scenario, recordings.resolve(scenario + ".jfr"));
                    Duration cpuBefore = ProcessMeter.cpu(liberty.pid());
                    long begin = System.nanoTime();
                    History history = load(client, workload.plan(prefix, mode, profile.libertyTransfers(), seed));
                    double seconds = (System.nanoTime() - begin) / 1e9;
                    Duration cpu = ProcessMeter.cpu(liberty.pid()).minus(cpuBefore);
                    if (recording != null) {
                        profiles.add(recording.stop(scenario, history.accepted().size()));
                    }
                    double cpuMs = cpu.toNanos() / 1e6 / Math.max(1, history.accepted().size());
                    measured.add(new Measured(mode, workload.label(), prefix, history, cpuMs,
                            ProcessMeter.heapUsedMbAfterGc(liberty.pid()), null));
                    if (workload == Workload.UNIFORM) {
                        sustainedUniform.put(mode, history.accepted().size() / seconds);
                    }
                    System.out.println("bench: liberty " + mode.wireName() + " " + workload.label() + " c" + consumers + ": "
                            + history.accepted().size() + " transfers final");
                }
            }
            if (openLoop) {
                for (TransferMode mode : MODES) {
                    double rate = OPEN_LOOP_LOAD * sustainedUniform.getOrDefault(mode, FALLBACK_RATE);
                    String label = String.format(java.util.Locale.ROOT, "uniform, open loop %.0f/s", rate);
                    String prefix = "open-" + mode.wireName() + "-c" + consumers + "-";
                    Duration cpuBefore = ProcessMeter.cpu(liberty.pid());
                    PacedLoad paced = PacedLoad.run(client, Workload.UNIFORM.plan(prefix, mode,
                            profile.libertyTransfers() / 2, seed + 1), rate, LOAD_DEADLINE);
                    awaitFinal(client, paced.history());
                    Duration cpu = ProcessMeter.cpu(liberty.pid()).minus(cpuBefore);
                    measured.add(new Measured(mode, label, prefix, paced.history(),
                            cpu.toNanos() / 1e6 / Math.max(1, paced.history().accepted().size()),
                            ProcessMeter.heapUsedMbAfterGc(liberty.pid()), paced.due()));
                    System.out.println("bench: liberty " + mode.wireName() + " " + label + " c" + consumers + ": "
                            + paced.history().accepted().size() + " transfers final");
                }
            }
            liberty.stop();
            cleanLog = liberty.stoppedWithNothingToRecover();
            return check(db, broker, consumers, measured, cleanLog);
        }
    }

    /**
     * Per design, a traced pass of Liberty, the broker and the database server (with its backends), so that
     * the report can say who forces what: Liberty's transaction log (msync), the broker's journal, the WAL.
     */
    private void countSyncs(TransferClient client, int consumers, Map<String, Long> processes, Path dir)
            throws Exception {
        for (TransferMode mode : MODES) {
            String pass = "liberty, " + mode.wireName() + ", uniform, " + consumers + " consumer(s), "
                    + profile.clients() + " clients";
            syncs.addAll(TracedPass.run(dir.resolve("strace-" + mode.wireName()), pass,
                    Coordinator.LIBERTY.runtime() + " " + mode.wireName(), processes, () -> (long) load(client,
                            Workload.UNIFORM.plan("traced-" + mode.wireName() + "-", mode, TRACED_TRANSFERS, seed + 2))
                            .accepted().size()));
        }
    }

    private static Map<String, String> environment(DatabaseUnderTest db, int consumers) {
        Map<String, String> env = new HashMap<>(db.libertyEnvironment());
        env.put("LEDGERLINE_XA_CONSUMERS", String.valueOf(consumers));
        env.put("LEDGERLINE_IDEMPOTENT_CONSUMERS", String.valueOf(consumers));
        return env;
    }

    private List<Row> check(DatabaseUnderTest db, BrokerProcess broker, int consumers, List<Measured> measured,
                            boolean cleanLog) throws Exception {
        InvariantResult coordinator = RunChecker.coordinatorLog(cleanLog ? 0 : 1,
                "Liberty's stop did not report an empty transaction log (no WTRN0105I)",
                "Liberty stopped with no transactions requiring recovery (WTRN0105I)");
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.connect(); BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
            for (Measured m : measured) {
                String name = "liberty-" + m.mode().wireName() + "-" + m.workload() + "-c" + consumers;
                InvariantGate.require(name, RunChecker.check(c, inspector, m.history(), coordinator));
                Completions completions = Completions.read(c, m.keyPrefix());
                Map<String, Completions.Steps> steps = m.due() == null ? null : Completions.readByKey(c, m.keyPrefix());
                Latencies latencies = steps == null ? completions.submitToCompletion() : sinceDue(steps, m.due());
                if (steps != null) {
                    ladders.add(LatencyLadder.of(Coordinator.LIBERTY.runtime() + " " + m.mode().wireName() + " "
                            + m.workload() + " c" + consumers, steps, m.due()));
                }
                rows.add(new Row(Coordinator.LIBERTY.runtime(), m.mode().wireName(), m.workload(), consumers,
                        completions.count(), completions.tps(), latencies.percentiles(), m.cpuMs(), m.heapMb(),
                        m.due() == null ? LATENCY_MEANING : OPEN_LOOP_MEANING));
            }
        }
        return rows;
    }

    private static Latencies sinceDue(Map<String, Completions.Steps> byKey, Map<String, Instant> due) {
        Latencies latencies = new Latencies();
        byKey.forEach((key, timing) -> latencies.record(Duration.between(due.get(key), timing.completed())));
        return latencies;
    }

    /** Submits the plan from the load generator's clients, then waits until every accepted transfer is final. */
    private History load(TransferClient client, List<PlannedTransfer> plan) throws Exception {
        History history;
        try (LoadGenerator generator = new LoadGenerator(client, plan, profile.clients(), LOAD_DEADLINE)) {
            generator.start();
            history = generator.awaitDone();
        }
        awaitFinal(client, history);
        return history;
    }

    /**
     * Polls the oldest transfer not yet seen final, one request at a time: a poll of all of them at once
     * would load the server it measures.
     */
    private static void awaitFinal(TransferClient client, History history) {
        Deque<UUID> pending = new ArrayDeque<>(new LinkedHashMap<>(history.accepted()).values());
        await("every accepted transfer is final").atMost(FINAL_DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    while (!pending.isEmpty()) {
                        if (!client.isFinal(pending.peek())) {
                            return false;
                        }
                        pending.poll();
                    }
                    return true;
                });
    }
}
