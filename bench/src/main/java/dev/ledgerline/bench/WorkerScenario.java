package dev.ledgerline.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ledgerline.harness.Coordinator;
import dev.ledgerline.harness.RunDirectory;
import dev.ledgerline.harness.check.RunChecker;
import dev.ledgerline.harness.client.WorkerStatusClient;
import dev.ledgerline.harness.database.Database;
import dev.ledgerline.harness.database.DatabaseUnderTest;
import dev.ledgerline.harness.worker.WorkerCommandLine;
import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.BrokerProcess;
import dev.ledgerline.testkit.ObjectStoreContents;
import dev.ledgerline.testkit.WorkerProcess;

/**
 * The Narayana worker draining a backlog: a fresh database and broker, N queued XA transfers and their
 * messages put straight on {@code transfers.xa} by {@code LedgerWorker preload}, then the worker with C
 * consumers until nothing is QUEUED. Every invariant is checked on what it leaves.
 */
final class WorkerScenario {

    static final String LATENCY_MEANING = "time in a preloaded backlog: from the later of creation and the "
            + "first completion to completion (queueing time, grows with the backlog; not what a client waits)";
    private static final Duration PRELOAD_DEADLINE = Duration.ofMinutes(5);
    private static final Duration DRAIN_DEADLINE = Duration.ofMinutes(15);

    private final Database database;
    private final Path runsDir;
    private final Ports ports;
    private final long seed;

    private final BrokerJournal brokerJournal;

    WorkerScenario(Database database, Path runsDir, Ports ports, long seed, BrokerJournal brokerJournal) {
        this.brokerJournal = brokerJournal;
        this.database = database;
        this.runsDir = runsDir;
        this.ports = ports;
        this.seed = seed;
    }

    Row run(Workload workload, int consumers, int transfers) throws Exception {
        return run("worker-xa-" + workload.label() + "-c" + consumers, workload, consumers, transfers, null);
    }

    /**
     * An untimed pass with strace attached to the worker (which holds Narayana's log, and H2 when it is the
     * database) and the broker from the worker's ready line; adds the count to {@code syncs} if strace could
     * count. PostgreSQL's own syncs happen in its processes and are not counted here.
     */
    void countSyncs(Workload workload, int transfers, List<SyncCount> syncs) throws Exception {
        run("worker-xa-syncs", workload, 1, transfers, syncs);
    }

    private Row run(String name, Workload workload, int consumers, int transfers, List<SyncCount> syncs)
            throws Exception {
        Path dir = RunDirectory.fresh(runsDir.resolve(name));
        try (DatabaseUnderTest db = DatabaseUnderTest.start(database, dir)) {
            return measure(name, dir, db, workload, consumers, transfers, syncs);
        }
    }

    private Row measure(String name, Path dir, DatabaseUnderTest db, Workload workload, int consumers, int transfers,
                        List<SyncCount> syncs) throws Exception {
        BenchDatabase.prepare(db);
        Path log = dir.resolve("worker.log");
        Path workerData = dir.resolve("worker");
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"), ports.broker(),
                brokerJournal.brokerArgs())) {
            WorkerCommandLine commandLine = new WorkerCommandLine(db, broker.url(), log);
            int preloaded = commandLine.preload(PRELOAD_DEADLINE, transfers, seed,
                    "--accounts", String.join(",", workload.accounts()),
                    "--max-amount-minor", String.valueOf(Workload.MAX_AMOUNT_MINOR));
            if (preloaded != 0) {
                throw new IllegalStateException(name + ": preload exited with " + preloaded + "; see " + log);
            }
            int statusPort = ports.status();
            Duration cpuAtReady;
            Duration cpuAtEnd;
            Instant readyAt;
            Double heap;
            Optional<ForcedWrites> workerSyncs;
            Optional<ForcedWrites> brokerSyncs;
            Optional<ForcedWrites> databaseSyncs;
            try (WorkerProcess worker = commandLine.start(Map.of(),
                    commandLine.run(workerData, consumers, statusPort))) {
                // One tracer per process, so that the report can say which side syncs how often.
                Optional<SyncCounter> workerTracer = syncs == null ? Optional.empty()
                        : SyncCounter.attach(dir.resolve("strace-worker"), worker.pid());
                Optional<SyncCounter> brokerTracer = syncs == null ? Optional.empty()
                        : SyncCounter.attach(dir.resolve("strace-broker"), broker.pid());
                Optional<SyncCounter> databaseTracer = syncs == null || db.serverPid().isEmpty() ? Optional.empty()
                        : SyncCounter.attachTree(dir.resolve("strace-database"), db.serverPid().getAsLong());
                readyAt = Instant.now();
                cpuAtReady = ProcessMeter.cpu(worker.pid());
                WorkerStatusClient status = new WorkerStatusClient(statusPort);
                await(name + " drains its backlog").atMost(DRAIN_DEADLINE).pollInterval(Duration.ofMillis(200))
                        .until(() -> status.queued().map(queued -> queued == 0).orElse(false));
                cpuAtEnd = ProcessMeter.cpu(worker.pid());
                workerSyncs = workerTracer.isPresent() ? workerTracer.get().stop() : Optional.empty();
                brokerSyncs = brokerTracer.isPresent() ? brokerTracer.get().stop() : Optional.empty();
                databaseSyncs = databaseTracer.isPresent() ? databaseTracer.get().stop() : Optional.empty();
                heap = ProcessMeter.heapUsedMbAfterGc(worker.pid());
                worker.stop();
            }
            try (Connection c = db.connect(); BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
                List<String> left = ObjectStoreContents.transactionRecords(workerData.resolve("tx-object-store"));
                InvariantResult coordinator = RunChecker.coordinatorLog(left.size(),
                        left.isEmpty() ? null : left.size() + " record(s) left in Narayana's log",
                        "Narayana's object store holds no transaction record");
                InvariantGate.require(name, RunChecker.check(c, inspector, null, coordinator));
                Completions completions = Completions.read(c, "preload-");
                // The JVM's start (class loading, Narayana, the migration check) is not a transfer's cost:
                // CPU is counted from the ready line, against the transfers finished after it.
                long afterReady = Math.max(1, completions.completedSince(readyAt));
                // Transfers finished before strace attached are not in its count; those after are.
                String pass = "worker, XA, " + workload.label() + ", 1 consumer";
                long traced = completions.completedSince(readyAt);
                String series = Coordinator.NARAYANA_WORKER.runtime() + " " + TransferMode.XA.wireName();
                workerSyncs.ifPresent(n -> syncs.add(new SyncCount(pass, series, database == Database.H2
                        ? "worker (H2 and Narayana's log inside it)" : "worker (Narayana's log)", traced, n)));
                brokerSyncs.ifPresent(n -> syncs.add(new SyncCount(pass, series, "broker", traced, n)));
                databaseSyncs.ifPresent(n -> syncs.add(new SyncCount(pass, series, "postgresql", traced, n)));
                double cpuMs = cpuAtEnd.minus(cpuAtReady).toNanos() / 1e6 / afterReady;
                return new Row(Coordinator.NARAYANA_WORKER.runtime(), TransferMode.XA.wireName(), workload.label(),
                        consumers, completions.count(), completions.tps(), completions.inBacklog().percentiles(), cpuMs,
                        heap, LATENCY_MEANING);
            }
        }
    }
}
