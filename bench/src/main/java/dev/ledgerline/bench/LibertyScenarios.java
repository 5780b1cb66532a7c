package dev.ledgerline.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ledgerline.drills.DrillChecker;
import dev.ledgerline.drills.H2Database;
import dev.ledgerline.drills.History;
import dev.ledgerline.drills.Installation;
import dev.ledgerline.drills.LibertyUnderDrill;
import dev.ledgerline.drills.LoadGenerator;
import dev.ledgerline.drills.TransferClient;
import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.BrokerProcess;

/**
 * Liberty with C consumers per design (LEDGERLINE_XA_CONSUMERS and LEDGERLINE_IDEMPOTENT_CONSUMERS), driven
 * over HTTP by the drills' load generator from this JVM. One server start serves every mode and workload at
 * that concurrency (a start costs more than a scenario); each scenario's transfers carry a key prefix of
 * their own, and its figures are read from the database after the server stops.
 */
final class LibertyScenarios {

    static final String LATENCY_MEANING = "submit to completion: from the transfer's creation (inside the POST) "
            + "to its completion by a consumer, both as the server's clock recorded them";
    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(10);
    private static final Duration FINAL_DEADLINE = Duration.ofMinutes(5);
    private static final List<String> MODES = List.of("xa", "idempotent");

    private final Installation installation;
    private final Path runsDir;
    private final Ports ports;
    private final Profile profile;
    private final long seed;

    LibertyScenarios(Installation installation, Path runsDir, Ports ports, Profile profile, long seed) {
        this.installation = installation;
        this.runsDir = runsDir;
        this.ports = ports;
        this.profile = profile;
        this.seed = seed;
    }

    /** What one scenario left before the database could be read: its history, CPU and heap. */
    private record Measured(String mode, Workload workload, String keyPrefix, History history, double cpuMs,
                            Double heapMb) {
    }

    List<Row> run(int consumers, List<Workload> workloads) throws Exception {
        Path dir = Runs.fresh(runsDir.resolve("liberty-c" + consumers));
        H2Database db = new H2Database(dir.resolve("data"));
        BenchDatabase.prepare(db);
        Map<String, String> env = new HashMap<>(db.libertyEnvironment());
        env.put("LEDGERLINE_XA_CONSUMERS", String.valueOf(consumers));
        env.put("LEDGERLINE_IDEMPOTENT_CONSUMERS", String.valueOf(consumers));
        int brokerPort = ports.broker();
        List<Measured> measured = new ArrayList<>();
        boolean cleanLog;
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"), brokerPort);
             LibertyUnderDrill liberty = new LibertyUnderDrill(installation, dir, ports.http(), brokerPort, env, false)) {
            liberty.start(null, 0);
            TransferClient client = liberty.client();
            for (String mode : MODES) {
                // The first requests of a fresh server load and compile code; they are not measured.
                load(client, Workload.UNIFORM.plan("warmup-" + mode + "-", mode, profile.warmupTransfers(), seed));
            }
            for (String mode : MODES) {
                for (Workload workload : workloads) {
                    String prefix = "bench-" + mode + "-" + workload.label() + "-c" + consumers + "-";
                    Duration cpuBefore = ProcessMeter.cpu(liberty.pid());
                    History history = load(client, workload.plan(prefix, mode, profile.libertyTransfers(), seed));
                    Duration cpu = ProcessMeter.cpu(liberty.pid()).minus(cpuBefore);
                    double cpuMs = cpu.toNanos() / 1e6 / Math.max(1, history.accepted().size());
                    measured.add(new Measured(mode, workload, prefix, history, cpuMs,
                            ProcessMeter.heapUsedMbAfterGc(liberty.pid())));
                    System.out.println("bench: liberty " + mode + " " + workload.label() + " c" + consumers + ": "
                            + history.accepted().size() + " transfers final");
                }
            }
            liberty.stop();
            cleanLog = liberty.stoppedWithNothingToRecover();
            return check(db, broker, consumers, measured, cleanLog);
        }
    }

    private List<Row> check(H2Database db, BrokerProcess broker, int consumers, List<Measured> measured,
                            boolean cleanLog) throws Exception {
        InvariantResult coordinator = DrillChecker.coordinatorLog(cleanLog ? 0 : 1,
                "Liberty's stop did not report an empty transaction log (no WTRN0105I)",
                "Liberty stopped with no transactions requiring recovery (WTRN0105I)");
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.connect(); BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
            for (Measured m : measured) {
                String name = "liberty-" + m.mode() + "-" + m.workload().label() + "-c" + consumers;
                InvariantGate.require(name, DrillChecker.check(c, inspector, m.history(), coordinator));
                Completions completions = Completions.read(c, m.keyPrefix());
                rows.add(new Row("liberty", m.mode(), m.workload().label(), consumers, completions.count(),
                        completions.tps(), completions.submitToCompletion().percentiles(), m.cpuMs(), m.heapMb(),
                        LATENCY_MEANING));
            }
        }
        return rows;
    }

    /** Submits the plan from the load generator's clients, then waits until every accepted transfer is final. */
    private History load(TransferClient client, List<dev.ledgerline.drills.PlannedTransfer> plan) throws Exception {
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
                        String status = client.status(pending.peek()).orElse("UNKNOWN");
                        if (status.equals("QUEUED") || status.equals("UNKNOWN")) {
                            return false;
                        }
                        pending.poll();
                    }
                    return true;
                });
    }
}
