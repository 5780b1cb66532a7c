package dev.ledgerline.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ledgerline.harness.Installation;
import dev.ledgerline.harness.RunDirectory;
import dev.ledgerline.harness.check.RunChecker;
import dev.ledgerline.harness.client.TransferClient;
import dev.ledgerline.harness.cluster.BrokerAddress;
import dev.ledgerline.harness.cluster.ClusterLayout;
import dev.ledgerline.harness.cluster.ClusterUnderTest;
import dev.ledgerline.harness.database.Database;
import dev.ledgerline.harness.database.DatabaseUnderTest;
import dev.ledgerline.harness.load.History;
import dev.ledgerline.harness.load.LoadGenerator;
import dev.ledgerline.harness.load.PlannedTransfer;
import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.BrokerProcess;
import dev.ledgerline.testkit.FreePort;

/**
 * The scaling rows: each design through HAProxy on a cluster of {@code servers} Liberty servers and
 * {@code workers} Narayana workers (a {@link Shape}), with the CPU each process spent per transfer and, in an
 * untimed traced pass, the forced disk syncs each made per transfer. One broker, not a pair: the rows measure
 * what more consumers buy, not what replication costs (the broker pair's cost per send is in
 * docs/configuration.md). PostgreSQL only: the servers keep their transaction logs there.
 */
final class ClusterScenarios {

    /** A cluster's size. */
    record Shape(int servers, int workers) {
        String label() {
            return servers + (servers == 1 ? " server" : " servers") + ", " + workers + (workers == 1 ? " worker" : " workers");
        }
    }

    /** 1, 2 and 3 servers with no worker; 1 server with 1 and 2 workers. */
    static final List<Shape> SHAPES = List.of(new Shape(1, 0), new Shape(2, 0), new Shape(3, 0),
            new Shape(1, 1), new Shape(1, 2));
    /** Each server's consumers per design, and each worker's: the same four threads everywhere. */
    static final int CONSUMERS = 4;
    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(10);
    private static final Duration FINAL_DEADLINE = Duration.ofMinutes(5);
    private static final List<TransferMode> MODES = List.of(TransferMode.XA, TransferMode.IDEMPOTENT);
    /** The traced pass: enough transfers for a steady count, few enough for processes slowed by strace. */
    private static final int TRACED_TRANSFERS = 100;

    /** CPU time one process of a cluster spent per transfer in one scenario. */
    record ProcessCost(String scenario, String process, long transfers, double cpuMsPerTransfer) {
    }

    private final Installation installation;
    private final Path runsDir;
    private final Profile profile;
    private final long seed;
    private final List<ProcessCost> costs = new ArrayList<>();
    private final List<SyncCount> syncs = new ArrayList<>();

    ClusterScenarios(Installation installation, Path runsDir, Profile profile, long seed) {
        this.installation = installation;
        this.runsDir = runsDir;
        this.profile = profile;
        this.seed = seed;
    }

    List<ProcessCost> costs() {
        return List.copyOf(costs);
    }

    List<SyncCount> syncs() {
        return List.copyOf(syncs);
    }

    /** One cluster of this shape, both designs on the uniform workload: one row per design. */
    List<Row> run(Shape shape) throws Exception {
        Path dir = RunDirectory.fresh(runsDir.resolve("cluster-s" + shape.servers() + "-w" + shape.workers()));
        List<Row> rows = new ArrayList<>();
        try (DatabaseUnderTest db = DatabaseUnderTest.start(Database.POSTGRESQL, dir);
             BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"), FreePort.pick());
             ClusterUnderTest cluster = ClusterUnderTest.prepare(installation, dir, db,
                     BrokerAddress.single(broker.port()), ClusterLayout.freePorts(shape.servers(), shape.workers()),
                     Map.of("LEDGERLINE_XA_CONSUMERS", String.valueOf(CONSUMERS),
                             "LEDGERLINE_IDEMPOTENT_CONSUMERS", String.valueOf(CONSUMERS)))) {
            BenchDatabase.prepare(db);
            cluster.start(CONSUMERS);
            TransferClient client = cluster.client();
            Map<String, Long> processes = processes(cluster, broker, db);
            for (TransferMode mode : MODES) {
                load(client, Workload.UNIFORM.plan("warmup-" + mode.wireName() + "-", mode, profile.warmupTransfers(), seed));
            }
            List<Measured> measured = new ArrayList<>();
            for (TransferMode mode : MODES) {
                String scenario = "cluster " + mode.wireName() + ", " + shape.label();
                String prefix = "scale-" + mode.wireName() + "-s" + shape.servers() + "-w" + shape.workers() + "-";
                Map<String, Duration> before = cpu(processes);
                History history = load(client, Workload.UNIFORM.plan(prefix, mode, profile.libertyTransfers(), seed));
                Map<String, Duration> after = cpu(processes);
                long transfers = Math.max(1, history.accepted().size());
                double total = 0;
                for (String process : processes.keySet()) {
                    double ms = after.get(process).minus(before.get(process)).toNanos() / 1e6 / transfers;
                    costs.add(new ProcessCost(scenario, process, transfers, ms));
                    total += ms;
                }
                measured.add(new Measured(mode, prefix, history, total));
                String traced = "traced-" + mode.wireName() + "-s" + shape.servers() + "-w" + shape.workers() + "-";
                syncs.addAll(TracedPass.run(dir.resolve("strace-" + mode.wireName()), scenario, series(mode, shape),
                        processes, () -> (long) load(client, Workload.UNIFORM.plan(traced, mode, TRACED_TRANSFERS,
                                seed + 1)).accepted().size()));
                System.out.println("bench: " + scenario + ": " + history.accepted().size() + " transfers final");
            }
            long dirty = 0;
            for (int i = 1; i <= shape.servers(); i++) {
                cluster.server(i).stop();
                dirty += cluster.server(i).stoppedWithNothingToRecover() ? 0 : 1;
            }
            InvariantResult coordinator = RunChecker.coordinatorLog(dirty,
                    dirty + " server(s) stopped without reporting an empty transaction log (no WTRN0105I)",
                    "every server stopped with no transactions requiring recovery (WTRN0105I)");
            try (Connection c = db.connect(); BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
                for (Measured m : measured) {
                    String name = "cluster-" + m.mode().wireName() + "-s" + shape.servers() + "-w" + shape.workers();
                    InvariantGate.require(name, RunChecker.check(c, inspector, m.history(), coordinator));
                    Completions completions = Completions.read(c, m.keyPrefix());
                    rows.add(new Row(CLUSTER, m.mode().wireName(), workload(shape),
                            consumers(shape, m.mode()), completions.count(), completions.tps(),
                            completions.submitToCompletion().percentiles(), m.cpuMs(), null,
                            LibertyScenarios.LATENCY_MEANING));
                }
            }
        }
        return rows;
    }

    private static String workload(Shape shape) {
        return "uniform, " + shape.label();
    }

    /** The series of the shape's row for the mode, as {@link Row#series()} names it. */
    private static String series(TransferMode mode, Shape shape) {
        return CLUSTER + " " + mode.wireName() + " " + workload(shape);
    }

    /** The runtime of the scaling rows in the report. */
    static final String CLUSTER = "cluster";

    private record Measured(TransferMode mode, String keyPrefix, History history, double cpuMs) {
    }

    /** Consumer threads on the design's queue in the whole cluster: the workers consume XA only. */
    private static int consumers(Shape shape, TransferMode mode) {
        return shape.servers() * CONSUMERS + (mode == TransferMode.XA ? shape.workers() * CONSUMERS : 0);
    }

    /** Every process of the run whose CPU counts, by the name the report gives it. */
    private static Map<String, Long> processes(ClusterUnderTest cluster, BrokerProcess broker, DatabaseUnderTest db) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (int i = 1; i <= cluster.serverCount(); i++) {
            pids.put(ClusterUnderTest.serverName(i), cluster.server(i).pid());
        }
        for (int i = 1; i <= cluster.workers().size(); i++) {
            pids.put(ClusterUnderTest.workerName(i), cluster.worker(i).pid());
        }
        pids.put("broker", broker.pid());
        db.serverPid().ifPresent(pid -> pids.put("postgresql", pid));
        pids.put("haproxy", cluster.loadBalancer().pid());
        return pids;
    }

    private static Map<String, Duration> cpu(Map<String, Long> processes) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        processes.forEach((name, pid) -> cpu.put(name, ProcessMeter.cpu(pid)));
        return cpu;
    }

    private History load(TransferClient client, List<PlannedTransfer> plan) throws Exception {
        History history;
        try (LoadGenerator generator = new LoadGenerator(client, plan, profile.clients(), LOAD_DEADLINE)) {
            generator.start();
            history = generator.awaitDone();
        }
        await("every accepted transfer is final").atMost(FINAL_DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> history.accepted().values().stream().allMatch(client::isFinal));
        return history;
    }
}
