package dev.ledgerline.drills;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

import dev.ledgerline.harness.Coordinator;
import dev.ledgerline.harness.Installation;
import dev.ledgerline.harness.RunDirectory;
import dev.ledgerline.harness.check.RunChecker;
import dev.ledgerline.harness.client.TransferClient;
import dev.ledgerline.harness.database.Database;
import dev.ledgerline.harness.database.DatabaseUnderTest;
import dev.ledgerline.harness.database.LedgerCounts;
import dev.ledgerline.harness.liberty.LibertyUnderTest;
import dev.ledgerline.harness.load.History;
import dev.ledgerline.harness.load.LoadGenerator;
import dev.ledgerline.harness.load.ModeMix;
import dev.ledgerline.harness.load.PlannedTransfer;
import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.FreePort;

/**
 * Carries out one drill on a fresh system: start it, load it, break it, restart what died, wait (bounded)
 * for recovery, stop it, check. Each fault is one method; {@link #inflict} picks it. Every process it starts
 * is stopped by PID before it returns.
 */
public final class DrillRunner {

    /** How many times the armed point lets the consumer pass before it halts: the crash comes mid-load. */
    static final long SKIP = 15;
    /**
     * The same for the relay's point between publish and mark, which is passed once per batch of rows, not
     * once per transfer: a load of 120 transfers makes a few batches, so the crash comes at the third.
     */
    static final long SKIP_PER_BATCH = 2;
    static final int TRANSFERS = 120;
    static final int CLIENTS = 4;
    /** How many copies of applied messages the duplicate-delivery drill puts back on the queue. */
    private static final int DUPLICATES = 20;
    static final Duration CRASH_DEADLINE = Duration.ofSeconds(120);
    static final Duration LOAD_DEADLINE = Duration.ofMinutes(5);
    static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(120);
    /** How often a drill restarts Liberty to let it recover what an orderly stop left in its log. */
    private static final int EXTRA_RECOVERY_STARTS = 3;
    /** A control's lost transfer never completes; no point waiting as long for it. */
    private static final Duration CONTROL_RECOVERY_DEADLINE = Duration.ofSeconds(30);
    /** The soak's fault schedule: a kill every 4 to 10 seconds. */
    private static final int SOAK_MIN_PAUSE_MS = 4000;
    private static final int SOAK_PAUSE_SPREAD_MS = 6000;
    /** The Byteman rules of the XA crash points inside Liberty, on this module's class path. */
    private static final String LIBERTY_CRASH_RULES = "/byteman/liberty-xa-crash-points.btm";

    private final Installation installation;
    private final Path outputDir;
    private final long seed;
    private Duration soakLength = Duration.ofMinutes(1);

    public DrillRunner(Installation installation, Path outputDir, long seed) {
        this.installation = installation.useForChildProcesses();
        this.outputDir = outputDir;
        this.seed = seed;
    }

    /** How long {@link Fault#RANDOM_KILLS} goes on killing before the system is left to recover. */
    public DrillRunner soakFor(Duration length) {
        this.soakLength = length;
        return this;
    }

    /** The randomized soak as a drill of its own: both designs, random SIGKILLs to Liberty or the broker. */
    public static Drill soak(Database database) {
        return new Drill("soak." + database.label(), Victim.LIBERTY_OR_BROKER, database, ModeMix.MIXED,
                Fault.RANDOM_KILLS, null, Set.of(),
                "transfers in both designs while Liberty or the broker is killed every few seconds");
    }

    /**
     * The cluster soak: both designs through the load balancer on two servers, a worker and a broker pair, one
     * of them SIGKILLed and restarted every 20 to 40 seconds (PostgreSQL only: the cluster's logs live there).
     */
    public static Drill clusterSoak() {
        return new Drill("soak-cluster." + Database.POSTGRESQL.label(), Victim.CLUSTER_ANY, Database.POSTGRESQL,
                ModeMix.MIXED, Fault.RANDOM_KILLS, null, Set.of(),
                "transfers in both designs while a server, the worker or either broker of the pair is killed and "
                        + "restarted every 20 to 40 seconds");
    }

    public DrillResult run(Drill drill) {
        Path runDir = outputDir.resolve("runs").resolve(drill.name());
        List<String> notes = new ArrayList<>();
        try {
            RunDirectory.fresh(runDir);
            try (DatabaseUnderTest db = DatabaseUnderTest.start(drill.database(), runDir);
                 MoneyTimeline timeline = new MoneyTimeline()) {
                return result(drill, inflict(drill, runDir, db, timeline, notes), timeline, notes);
            }
        } catch (DrillAborted e) {
            return DrillResult.aborted(drill, e.getMessage(), notes);
        } catch (Exception e) {
            return DrillResult.aborted(drill, e.toString(), notes);
        }
    }

    /** The drill's fault, on the process that runs its load. */
    private DrillOutcome inflict(Drill drill, Path runDir, DatabaseUnderTest db, MoneyTimeline timeline,
                                 List<String> notes) throws Exception {
        return switch (drill.fault()) {
            case CRASH_POINT -> switch (drill.victim()) {
                case WORKER -> new WorkerDrill(drill, runDir, db, seed).crashAtPoint(timeline, notes);
                case LIBERTY -> underLiberty(drill, runDir, db, timeline, notes, this::crashLibertyAtPoint);
                case CLUSTER_SERVER -> new ClusterDrill(installation, drill, runDir, db, seed)
                        .peerRecoversCrashedServer(timeline, notes);
                case CLUSTER_WORKER -> new ClusterDrill(installation, drill, runDir, db, seed)
                        .workerRecoversItself(timeline, notes);
                case BROKER, CLUSTER_BROKER, CLUSTER_ANY, LIBERTY_OR_BROKER -> throw new IllegalArgumentException(
                        drill.name() + ": crash points are armed in Liberty or the worker only");
            };
            case BROKER_KILL -> underLiberty(drill, runDir, db, timeline, notes, this::killBrokerUnderLoad);
            case SERVER_KILL -> new ClusterDrill(installation, drill, runDir, db, seed).killServerUnderLoad(timeline, notes);
            case BROKER_FAILOVER -> new ClusterDrill(installation, drill, runDir, db, seed)
                    .brokerFailsOverAndBack(timeline, notes);
            case BROKER_KILL_UNDER_WORKER ->
                    new WorkerDrill(drill, runDir, db, seed).killBrokerUnderWorker(timeline, notes);
            case DUPLICATE_DELIVERY -> underLiberty(drill, runDir, db, timeline, notes, this::deliverDuplicates);
            case RANDOM_KILLS -> drill.victim() == Victim.CLUSTER_ANY
                    ? new ClusterDrill(installation, drill, runDir, db, seed).soak(timeline, notes, soakLength)
                    : underLiberty(drill, runDir, db, timeline, notes, this::killAtRandom);
        };
    }

    /** What a fault under Liberty acts on: the drill's running system and the load it is under. */
    private record UnderLoad(Drill drill, DatabaseUnderTest db, RestartableBroker broker, LibertyUnderTest liberty,
                             LoadGenerator load, MoneyTimeline timeline, List<String> notes) {
    }

    /** One fault done to a system that Liberty serves, while the load runs. */
    @FunctionalInterface
    private interface LibertyFault {
        void inflict(UnderLoad system) throws Exception;
    }

    /**
     * Starts the broker and Liberty (armed at the drill's crash point, if it has one), runs the load through
     * {@code fault}, waits for recovery, stops Liberty and checks what is left.
     */
    private DrillOutcome underLiberty(Drill drill, Path runDir, DatabaseUnderTest db, MoneyTimeline timeline,
                                      List<String> notes, LibertyFault fault) throws Exception {
        try (RestartableBroker broker = RestartableBroker.start(runDir.resolve("broker"), FreePort.pick());
             LibertyUnderTest liberty = new LibertyUnderTest(installation, runDir, FreePort.pick(), broker.port(),
                     db.libertyEnvironment(), drill.modes().isUnsafe())) {
            if (drill.point() == null) {
                liberty.start();
            } else {
                liberty.startArmed(drill.point().pointName(), skipFor(drill.point()), libertyCrashRules(runDir));
            }
            TransferClient client = liberty.client();
            timeline.start(() -> db.readableWhileInUse() ? db.totals() : client.totals());
            timeline.mark("load starts");
            History history;
            try (LoadGenerator load = new LoadGenerator(client,
                    PlannedTransfer.amongDemoAccounts(drill.name(), drill.modes(), plannedTransfers(drill), seed),
                    CLIENTS, LOAD_DEADLINE.plus(drill.fault() == Fault.RANDOM_KILLS ? soakLength : Duration.ZERO))) {
                load.start();
                fault.inflict(new UnderLoad(drill, db, broker, liberty, load, timeline, notes));
                history = load.awaitDone();
            }
            Duration recoveryDeadline = drill.isControl() ? CONTROL_RECOVERY_DEADLINE : RECOVERY_DEADLINE;
            if (awaitRecovered(client, history, broker.url(), recoveryDeadline)) {
                timeline.mark("recovered");
            } else {
                notes.add("not recovered within " + recoveryDeadline.toSeconds() + " s of the restart");
            }
            timeline.close();
            int recovered = liberty.recoveredAtLatestStart();
            liberty.stop();
            boolean libertyCoordinates = drill.coordinator().equals(Optional.of(Coordinator.LIBERTY));
            if (libertyCoordinates && !liberty.stoppedWithNothingToRecover()) {
                restartUntilLogEmpty(liberty, notes);
            }
            InvariantResult coordinator = libertyCoordinates
                    ? libertyLog(liberty, recovered, notes) : RunChecker.noCoordinator();
            try (Connection c = db.connect(); BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
                return new DrillOutcome(RunChecker.check(c, inspector, history, coordinator),
                        LedgerCounts.transfersByStatus(c), history.accepted().size());
            }
        }
    }

    /** Liberty halts itself at the armed point; what the crash left is recorded, and it is started unarmed. */
    private void crashLibertyAtPoint(UnderLoad system) throws Exception {
        awaitCrash(system.liberty(), system.drill());
        system.timeline().mark("crash");
        system.notes().add(stateAtCrash(system.db(), system.broker().url()));
        system.liberty().start();
        system.timeline().mark("restart");
    }

    /** SIGKILL to the broker once a third of the load is accepted; started again on its journal. */
    private void killBrokerUnderLoad(UnderLoad system) throws Exception {
        await("a third of the load accepted").atMost(CRASH_DEADLINE)
                .until(() -> system.load().history().accepted().size() >= TRANSFERS / 3);
        system.broker().kill();
        system.timeline().mark("broker killed");
        system.broker().restartAfterDowntime();
        system.timeline().mark("restart");
    }

    /** Once the whole load is applied, second copies of applied idempotent messages go back on the queue. */
    private void deliverDuplicates(UnderLoad system) throws Exception {
        History history = system.load().awaitDone();
        awaitFinal(system.liberty().client(), history, RECOVERY_DEADLINE);
        int copies = DuplicateDelivery.sendCopies(system.broker().url(), history, DUPLICATES);
        system.timeline().mark("restart");
        system.notes().add(copies + " copies of applied messages put on " + TransferQueue.IDEMPOTENT.address());
    }

    /** The soak: SIGKILL to Liberty or the broker, chosen at random, every few seconds for the soak's length. */
    private void killAtRandom(UnderLoad system) throws Exception {
        Random random = new Random(seed);
        Instant end = Instant.now().plus(soakLength);
        int libertyKills = 0;
        int brokerKills = 0;
        while (Instant.now().isBefore(end)) {
            TimeUnit.MILLISECONDS.sleep(SOAK_MIN_PAUSE_MS + random.nextInt(SOAK_PAUSE_SPREAD_MS));
            if (random.nextBoolean()) {
                system.liberty().kill();
                system.timeline().mark("Liberty killed #" + ++libertyKills);
                system.liberty().start();
            } else {
                system.broker().kill();
                system.timeline().mark("broker killed #" + ++brokerKills);
                system.broker().restartAfterDowntime();
            }
            system.timeline().mark("restart");
        }
        system.load().finish();
        system.notes().add(libertyKills + " SIGKILLs of Liberty and " + brokerKills + " of the broker in "
                + soakLength.toSeconds() + " s");
    }

    static long skipFor(CrashPoint point) {
        return point == CrashPoint.IDEMPOTENT_AFTER_PUBLISH ? SKIP_PER_BATCH : SKIP;
    }

    private int plannedTransfers(Drill drill) {
        // The soak's plan is more than its clients can send in its time; the rest is dropped by finish().
        return drill.fault() == Fault.RANDOM_KILLS ? (int) Math.max(TRANSFERS, soakLength.toSeconds() * 100) : TRANSFERS;
    }

    /** The crash-point rules, copied into the run directory where the Byteman agent reads them. */
    static Path libertyCrashRules(Path runDir) throws IOException {
        Path rules = runDir.resolve("liberty-xa-crash-points.btm");
        try (InputStream in = DrillRunner.class.getResourceAsStream(LIBERTY_CRASH_RULES)) {
            if (in == null) {
                throw new IllegalStateException(LIBERTY_CRASH_RULES + " is not on the drills' class path");
            }
            Files.copy(in, rules, StandardCopyOption.REPLACE_EXISTING);
        }
        return rules;
    }

    static void awaitCrash(LibertyUnderTest liberty, Drill drill) throws IOException {
        try {
            liberty.awaitExit(CRASH_DEADLINE);
        } catch (ConditionTimeoutException e) {
            throw new DrillAborted("the server did not reach crash point " + drill.pointName() + " within "
                    + CRASH_DEADLINE.toSeconds() + " s");
        }
        if (!liberty.crashPointReached(drill.pointName())) {
            throw new DrillAborted("the server died, but not at crash point " + drill.pointName());
        }
    }

    /** What the crash left, read while the victim is down: the evidence for the report. */
    static String stateAtCrash(DatabaseUnderTest db, String brokerUrl) throws Exception {
        long inDoubt;
        try (Connection c = db.connect()) {
            inDoubt = LedgerCounts.preparedBranches(c);
        }
        try (BrokerInspector inspector = BrokerInspector.connect(brokerUrl)) {
            return "at the crash: " + inDoubt + " prepared branch(es) in the database, "
                    + inspector.preparedTransactions().size() + " in the broker";
        }
    }

    private static void awaitFinal(TransferClient client, History history, Duration deadline) {
        await("every accepted transfer is final").atMost(deadline).pollInterval(Duration.ofMillis(500))
                .until(() -> allFinal(client, history));
    }

    private static boolean allFinal(TransferClient client, History history) {
        return history.accepted().values().stream().allMatch(client::isFinal);
    }

    /** Recovered: every accepted transfer final, nothing prepared in the broker, every queue empty. */
    static boolean awaitRecovered(TransferClient client, History history, String brokerUrl,
                                          Duration deadline) {
        try (BrokerInspector inspector = BrokerInspector.connect(brokerUrl)) {
            await("recovery").atMost(deadline).pollInterval(Duration.ofMillis(500)).until(() ->
                    allFinal(client, history) && inspector.preparedTransactions().isEmpty()
                            && inspector.messageCount(TransferQueue.XA.address()) == 0
                            && inspector.messageCount(TransferQueue.IDEMPOTENT.address()) == 0);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException("cannot inspect the broker", e);
        }
    }

    /**
     * An orderly stop can find a transaction still in Liberty's log: one whose commit failed while the broker
     * was away, and which the transaction service retries every few seconds. Liberty recovers it at its next
     * start, so the drill starts it again and stops it once the application serves, a bounded number of
     * times: what the checker then judges is the log after recovery, as the invariant says, and the report
     * notes the extra starts. (Liberty writes no message when such a retry succeeds, so the stop's own
     * statement, WTRN0105I, is what each round looks for.)
     */
    static void restartUntilLogEmpty(LibertyUnderTest liberty, List<String> notes)
            throws IOException, InterruptedException {
        for (int round = 1; round <= EXTRA_RECOVERY_STARTS; round++) {
            liberty.start();
            int found = liberty.recoveredAtLatestStart();
            liberty.stop();
            boolean clean = liberty.stoppedWithNothingToRecover();
            notes.add("Liberty's final stop left its transaction log non-empty; start " + round + " after it found "
                    + found + " transaction(s) in the log (WTRN0027I/28I) and stopped "
                    + (clean ? "with nothing to recover" : "with the log still non-empty"));
            if (clean) {
                return;
            }
        }
    }

    private static InvariantResult libertyLog(LibertyUnderTest liberty, int recoveredAtRestart, List<String> notes)
            throws IOException {
        notes.add("Liberty found " + recoveredAtRestart + " transaction(s) in its log at the restart (WTRN0027I/28I)");
        boolean clean = liberty.stoppedWithNothingToRecover();
        return RunChecker.coordinatorLog(clean ? 0 : 1,
                "Liberty's final stop did not report an empty transaction log (no WTRN0105I)",
                "Liberty stopped with no transactions requiring recovery (WTRN0105I)");
    }

    private DrillResult result(Drill drill, DrillOutcome outcome, MoneyTimeline timeline, List<String> notes)
            throws IOException {
        // A cluster drill restarts nothing (a peer recovers the dead server's transactions): its recovery counts
        // from the crash.
        Double recovery = timeline.between("restart", "recovered")
                .or(() -> timeline.between("crash", "recovered")).map(ms -> ms / 1000.0).orElse(null);
        Path chart = outputDir.resolve(drill.name() + "-money.png");
        MoneyChart.write(drill.name(), timeline, chart);
        Map<TransferStatus, Long> counts = outcome.transfersByStatus();
        return new DrillResult(drill, outcome.accepted(), counts.getOrDefault(TransferStatus.COMPLETED, 0L),
                counts.getOrDefault(TransferStatus.REJECTED, 0L), counts.getOrDefault(TransferStatus.FAILED, 0L),
                recovery, outcome.invariants(), notes, outputDir.relativize(chart).toString());
    }
}
