package dev.ledgerline.drills;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.awaitility.core.ConditionTimeoutException;

import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.BrokerProcess;
import dev.ledgerline.testkit.FreePort;
import dev.ledgerline.testkit.ObjectStoreContents;
import dev.ledgerline.testkit.WorkerProcess;

/**
 * A drill whose victim is the Narayana worker: transfers preloaded (rows and messages, as the benchmark
 * loads it), the worker started armed, halted at the point, started again unarmed, left to recover and
 * drain, stopped, checked. Narayana's log is its object store; after recovery it must hold no record.
 */
final class WorkerDrill {

    private static final Duration PRELOAD_DEADLINE = Duration.ofMinutes(2);
    private static final Duration CRASH_DEADLINE = Duration.ofSeconds(120);
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(120);
    /** "No XAResource to recover" for a branch: repeated for one branch, a log recovery cannot finish. */
    private static final java.util.regex.Pattern STUCK_LOG_WARNING =
            java.util.regex.Pattern.compile("ARJUNA016037.*?branch_uid=([0-9a-f:]+)");

    private final Drill drill;
    private final Path runDir;
    private final DrillDatabase db;
    private final long seed;

    WorkerDrill(Drill drill, Path runDir, DrillDatabase db, long seed) {
        this.drill = drill;
        this.runDir = runDir;
        this.db = db;
        this.seed = seed;
    }

    /** Runs the drill; returns what the checker found, the timeline and the notes. */
    DrillRunner.Outcome run(MoneyTimeline timeline, List<String> notes) throws Exception {
        int brokerPort = FreePort.pick();
        int statusPort = FreePort.pick();
        Path log = runDir.resolve("worker.log");
        Path dataDir = runDir.resolve("worker");
        BrokerProcess broker = BrokerProcess.start(runDir.resolve("broker"), brokerPort);
        try {
            int preloaded = WorkerProcess.runToEnd(log, PRELOAD_DEADLINE, "preload", "--db-url", db.jdbcUrl(),
                    "--db-user", db.user(), "--db-password", db.password(), "--broker-url", broker.url(),
                    "--count", String.valueOf(DrillRunner.TRANSFERS), "--seed", String.valueOf(seed));
            if (preloaded != 0) {
                throw new DrillRunner.DrillAborted("preload exited with " + preloaded + "; see " + log);
            }
            String[] args = {"--db-url", db.jdbcUrl(), "--db-user", db.user(), "--db-password", db.password(),
                    "--broker-url", broker.url(), "--data-dir", dataDir.toString(), "--consumers", "2",
                    "--recovery-period-seconds", "2", "--recovery-backoff-seconds", "1",
                    "--http-port", String.valueOf(statusPort)};
            WorkerStatusClient status = new WorkerStatusClient(statusPort);
            timeline.start(() -> db.readableWhileVictimRuns() ? db.totals() : status.money());
            timeline.mark("load starts");
            long logLengthAtRestart;
            if (drill.fault() == Fault.BROKER_KILL_UNDER_WORKER) {
                logLengthAtRestart = 0;
                try (WorkerProcess worker = WorkerProcess.start(log, Map.of(), args)) {
                    await("a third of the load applied").atMost(CRASH_DEADLINE).pollInterval(Duration.ofMillis(100))
                            .until(() -> status.transfersByStatus().map(t -> t.getOrDefault("COMPLETED", 0L)
                                    + t.getOrDefault("REJECTED", 0L) >= DrillRunner.TRANSFERS / 3).orElse(false));
                    broker.kill();
                    timeline.mark("broker killed");
                    notes.add(stateAtCrash(null, dataDir));
                    // The fault's length, not a wait for a condition.
                    java.util.concurrent.TimeUnit.MILLISECONDS.sleep(DrillRunner.BROKER_DOWNTIME.toMillis());
                    broker = BrokerProcess.start(runDir.resolve("broker"), brokerPort);
                    timeline.mark("restart");
                    awaitRecoveredAndStop(worker, status, broker, dataDir, timeline, notes);
                }
            } else {
                crashArmed(log, args);
                timeline.mark("crash");
                notes.add(stateAtCrash(broker, dataDir));
                logLengthAtRestart = Files.size(log);
                try (WorkerProcess worker = WorkerProcess.start(log, Map.of(), args)) {
                    timeline.mark("restart");
                    awaitRecoveredAndStop(worker, status, broker, dataDir, timeline, notes);
                }
            }
            InvariantResult coordinator = narayanaLog(dataDir, log, logLengthAtRestart);
            try (Connection c = db.connect(); BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
                return new DrillRunner.Outcome(DrillChecker.check(c, inspector, null, coordinator),
                        LedgerCounts.transfersByStatus(c), DrillRunner.TRANSFERS);
            }
        } finally {
            broker.close();
        }
    }

    private void crashArmed(Path log, String[] args) throws Exception {
        WorkerProcess armed = WorkerProcess.start(log, Map.of(CrashPoints.POINT_PROPERTY, drill.point().pointName(),
                CrashPoints.SKIP_PROPERTY, String.valueOf(DrillRunner.SKIP)), args);
        OptionalInt exit = armed.awaitExit(CRASH_DEADLINE);
        if (exit.isEmpty()) {
            armed.kill();
            throw new DrillRunner.DrillAborted("the worker did not reach " + drill.pointName() + " within "
                    + CRASH_DEADLINE.toSeconds() + " s");
        }
        if (!Files.readString(log).contains("crash point " + drill.pointName() + " reached")) {
            throw new DrillRunner.DrillAborted("the worker exited with " + exit.getAsInt() + ", not at the crash point");
        }
    }

    private void awaitRecoveredAndStop(WorkerProcess worker, WorkerStatusClient status, BrokerProcess broker,
                                       Path dataDir, MoneyTimeline timeline, List<String> notes) throws Exception {
        if (awaitRecovered(status, broker, dataDir)) {
            timeline.mark("recovered");
        } else {
            notes.add("not recovered within " + RECOVERY_DEADLINE.toSeconds() + " s of the restart");
        }
        timeline.close();
        worker.stop();
    }

    private String stateAtCrash(BrokerProcess broker, Path dataDir) throws Exception {
        String database = "";
        // At a broker kill the worker still runs, and holds an H2 file: the database is read only if it can be.
        if (broker != null || db.readableWhileVictimRuns()) {
            try (Connection c = db.connect()) {
                database = LedgerCounts.preparedBranches(c) + " prepared branch(es) in the database, ";
            }
        }
        String records = ObjectStoreContents.transactionRecords(objectStore(dataDir)).size() + " record(s) in Narayana's log";
        if (broker == null) {
            return "at the kill: " + database + records;
        }
        try (BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
            return "at the crash: " + database + inspector.preparedTransactions().size() + " in the broker, " + records;
        }
    }

    private boolean awaitRecovered(WorkerStatusClient status, BrokerProcess broker, Path dataDir) throws Exception {
        try (BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
            await("the worker recovers and drains").atMost(RECOVERY_DEADLINE).pollInterval(Duration.ofMillis(500))
                    .until(() -> status.transfersByStatus().map(t -> t.getOrDefault("QUEUED", 0L) == 0).orElse(false)
                            && inspector.preparedTransactions().isEmpty()
                            && inspector.messageCount("transfers.xa") == 0
                            && ObjectStoreContents.transactionRecords(objectStore(dataDir)).isEmpty());
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static InvariantResult narayanaLog(Path dataDir, Path log, long fromOffset) throws Exception {
        List<Path> left = ObjectStoreContents.transactionRecords(objectStore(dataDir));
        String afterRestart = Files.readString(log).substring((int) Math.min(fromOffset, Files.size(log)));
        // Once per branch is how recovery finds a branch its resource manager already committed (it then logs
        // ARJUNA016113 and forgets it); the same branch warned about again means a log recovery cannot finish.
        Map<String, Long> warningsPerBranch = new java.util.TreeMap<>();
        java.util.regex.Matcher m = STUCK_LOG_WARNING.matcher(afterRestart);
        while (m.find()) {
            warningsPerBranch.merge(m.group(1), 1L, Long::sum);
        }
        long repeated = warningsPerBranch.values().stream().filter(n -> n > 1).count();
        String first = !left.isEmpty() ? left.size() + " record(s) left, first " + left.get(0).getFileName()
                : repeated + " branch(es) warned about more than once (ARJUNA016037)";
        return DrillChecker.coordinatorLog(left.size() + repeated, first,
                "Narayana's object store holds no transaction record; ARJUNA016037 once for each of "
                        + warningsPerBranch.size() + " branch(es) committed before the crash, none repeated");
    }

    private static Path objectStore(Path dataDir) {
        return dataDir.resolve("tx-object-store");
    }
}
