package dev.ledgerline.drills;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;

import dev.ledgerline.harness.check.RunChecker;
import dev.ledgerline.harness.client.WorkerStatusClient;
import dev.ledgerline.harness.database.DatabaseUnderTest;
import dev.ledgerline.harness.database.LedgerCounts;
import dev.ledgerline.harness.worker.WorkerCommandLine;
import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.FreePort;
import dev.ledgerline.testkit.ObjectStoreContents;
import dev.ledgerline.testkit.WorkerProcess;

/**
 * A drill whose load runs through the Narayana worker: transfers preloaded (rows and messages, as the
 * benchmark loads it), then the fault ({@link #crashAtPoint}: the worker halted at an armed point and started
 * again unarmed; {@link #killBrokerUnderWorker}: the broker killed while the worker drains), then recovery
 * and drain, a stop and the checker. Narayana's log is its object store; after recovery it must hold no record.
 */
final class WorkerDrill {

    private static final Duration PRELOAD_DEADLINE = Duration.ofMinutes(2);
    private static final Duration CRASH_DEADLINE = Duration.ofSeconds(120);
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(120);
    private static final int CONSUMERS = 2;
    /** "No XAResource to recover" for a branch: repeated for one branch, a log recovery cannot finish. */
    private static final Pattern STUCK_LOG_WARNING = Pattern.compile("ARJUNA016037.*?branch_uid=([0-9a-f:]+)");

    private final Drill drill;
    private final Path runDir;
    private final DatabaseUnderTest db;
    private final long seed;

    WorkerDrill(Drill drill, Path runDir, DatabaseUnderTest db, long seed) {
        this.drill = drill;
        this.runDir = runDir;
        this.db = db;
        this.seed = seed;
    }

    /** What a fault under the worker acts on: the drill's broker, the worker's command line, its status. */
    private record UnderWorker(RestartableBroker broker, WorkerCommandLine worker, String[] runOptions,
                               WorkerStatusClient status, Path dataDir, MoneyTimeline timeline, List<String> notes) {
    }

    /** One fault done while the worker drains its backlog. */
    @FunctionalInterface
    private interface WorkerFault {
        /** @return the offset in the worker's log from which its recovery's warnings count */
        long inflict(UnderWorker system) throws Exception;
    }

    /** The worker halts itself at the drill's armed point; what the crash left is recorded, and it restarts. */
    DrillOutcome crashAtPoint(MoneyTimeline timeline, List<String> notes) throws Exception {
        return underWorker(timeline, notes, this::haltAtPointAndRestart);
    }

    /** The broker gets SIGKILL once a third of the backlog is applied, and starts again on its journal. */
    DrillOutcome killBrokerUnderWorker(MoneyTimeline timeline, List<String> notes) throws Exception {
        return underWorker(timeline, notes, this::killBrokerWhileDraining);
    }

    private DrillOutcome underWorker(MoneyTimeline timeline, List<String> notes, WorkerFault fault) throws Exception {
        Path log = runDir.resolve("worker.log");
        Path dataDir = runDir.resolve("worker");
        int statusPort = FreePort.pick();
        try (RestartableBroker broker = RestartableBroker.start(runDir.resolve("broker"), FreePort.pick())) {
            WorkerCommandLine worker = new WorkerCommandLine(db, broker.url(), log);
            int preloaded = worker.preload(PRELOAD_DEADLINE, DrillRunner.TRANSFERS, seed);
            if (preloaded != 0) {
                throw new DrillAborted("preload exited with " + preloaded + "; see " + log);
            }
            String[] runOptions = worker.run(dataDir, CONSUMERS, statusPort,
                    "--recovery-period-seconds", "2", "--recovery-backoff-seconds", "1");
            WorkerStatusClient status = new WorkerStatusClient(statusPort);
            timeline.start(() -> db.readableWhileInUse() ? db.totals() : status.money());
            timeline.mark("load starts");
            long logOffsetAtRestart = fault.inflict(
                    new UnderWorker(broker, worker, runOptions, status, dataDir, timeline, notes));
            InvariantResult coordinator = narayanaLog(dataDir, log, logOffsetAtRestart);
            try (Connection c = db.connect(); BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
                return new DrillOutcome(RunChecker.check(c, inspector, null, coordinator),
                        LedgerCounts.transfersByStatus(c), DrillRunner.TRANSFERS);
            }
        }
    }

    private long haltAtPointAndRestart(UnderWorker system) throws Exception {
        crashArmed(system.worker(), system.runOptions());
        system.timeline().mark("crash");
        system.notes().add(stateAtCrash(system.broker(), system.dataDir()));
        long logOffsetAtRestart = Files.size(system.worker().log());
        try (WorkerProcess restarted = system.worker().start(Map.of(), system.runOptions())) {
            system.timeline().mark("restart");
            awaitRecoveredAndStop(restarted, system);
        }
        return logOffsetAtRestart;
    }

    private long killBrokerWhileDraining(UnderWorker system) throws Exception {
        try (WorkerProcess worker = system.worker().start(Map.of(), system.runOptions())) {
            await("a third of the load applied").atMost(CRASH_DEADLINE).pollInterval(Duration.ofMillis(100))
                    .until(() -> system.status().transfersByStatus()
                            .map(t -> t.getOrDefault(TransferStatus.COMPLETED, 0L)
                                    + t.getOrDefault(TransferStatus.REJECTED, 0L) >= DrillRunner.TRANSFERS / 3)
                            .orElse(false));
            system.broker().kill();
            system.timeline().mark("broker killed");
            system.notes().add(stateAtKill(system.dataDir()));
            system.broker().restartAfterDowntime();
            system.timeline().mark("restart");
            awaitRecoveredAndStop(worker, system);
        }
        // The worker never restarted: every warning in its log came after the fault.
        return 0;
    }

    private void crashArmed(WorkerCommandLine worker, String[] runOptions) throws Exception {
        WorkerProcess armed = worker.start(Map.of(CrashPoints.POINT_PROPERTY, drill.point().pointName(),
                CrashPoints.SKIP_PROPERTY, String.valueOf(DrillRunner.SKIP)), runOptions);
        OptionalInt exit = armed.awaitExit(CRASH_DEADLINE);
        if (exit.isEmpty()) {
            armed.kill();
            throw new DrillAborted("the worker did not reach " + drill.pointName() + " within "
                    + CRASH_DEADLINE.toSeconds() + " s");
        }
        if (!Files.readString(worker.log()).contains("crash point " + drill.pointName() + " reached")) {
            throw new DrillAborted("the worker exited with " + exit.getAsInt() + ", not at the crash point");
        }
    }

    private void awaitRecoveredAndStop(WorkerProcess worker, UnderWorker system) throws Exception {
        if (awaitRecovered(system.status(), system.broker(), system.dataDir())) {
            system.timeline().mark("recovered");
        } else {
            system.notes().add("not recovered within " + RECOVERY_DEADLINE.toSeconds() + " s of the restart");
        }
        system.timeline().close();
        worker.stop();
    }

    /** What the worker's crash left, read while it is down: the database, the broker, Narayana's log. */
    private String stateAtCrash(RestartableBroker broker, Path dataDir) throws Exception {
        long inDoubt;
        try (Connection c = db.connect()) {
            inDoubt = LedgerCounts.preparedBranches(c);
        }
        try (BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
            return "at the crash: " + inDoubt + " prepared branch(es) in the database, "
                    + inspector.preparedTransactions().size() + " in the broker, " + records(dataDir);
        }
    }

    /**
     * What the broker's kill left while the worker still runs. The worker holds an H2 file, so the database is
     * read only if it can be; the broker is down.
     */
    private String stateAtKill(Path dataDir) throws Exception {
        String database = "";
        if (db.readableWhileInUse()) {
            try (Connection c = db.connect()) {
                database = LedgerCounts.preparedBranches(c) + " prepared branch(es) in the database, ";
            }
        }
        return "at the kill: " + database + records(dataDir);
    }

    private static String records(Path dataDir) {
        return ObjectStoreContents.transactionRecords(objectStore(dataDir)).size() + " record(s) in Narayana's log";
    }

    private static boolean awaitRecovered(WorkerStatusClient status, RestartableBroker broker, Path dataDir)
            throws Exception {
        try (BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
            await("the worker recovers and drains").atMost(RECOVERY_DEADLINE).pollInterval(Duration.ofMillis(500))
                    .until(() -> status.queued().map(queued -> queued == 0).orElse(false)
                            && inspector.preparedTransactions().isEmpty()
                            && inspector.messageCount(TransferQueue.XA.address()) == 0
                            && ObjectStoreContents.transactionRecords(objectStore(dataDir)).isEmpty());
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static InvariantResult narayanaLog(Path dataDir, Path log, long fromOffset) throws Exception {
        List<String> left = ObjectStoreContents.transactionRecords(objectStore(dataDir));
        String afterRestart = Files.readString(log).substring((int) Math.min(fromOffset, Files.size(log)));
        // Once per branch is how recovery finds a branch its resource manager already committed (it then logs
        // ARJUNA016113 and forgets it); the same branch warned about again means a log recovery cannot finish.
        Map<String, Long> warningsPerBranch = new TreeMap<>();
        Matcher m = STUCK_LOG_WARNING.matcher(afterRestart);
        while (m.find()) {
            warningsPerBranch.merge(m.group(1), 1L, Long::sum);
        }
        long repeated = warningsPerBranch.values().stream().filter(n -> n > 1).count();
        String first = !left.isEmpty() ? left.size() + " record(s) left, first " + left.get(0)
                : repeated + " branch(es) warned about more than once (ARJUNA016037)";
        return RunChecker.coordinatorLog(left.size() + repeated, first,
                "Narayana's object store holds no transaction record; ARJUNA016037 once for each of "
                        + warningsPerBranch.size() + " branch(es) committed before the crash, none repeated");
    }

    private static Path objectStore(Path dataDir) {
        return dataDir.resolve("tx-object-store");
    }
}
