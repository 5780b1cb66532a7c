package dev.ledgerline.drills;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.BrokerProcess;
import dev.ledgerline.testkit.FreePort;
import dev.ledgerline.testkit.LibertyServer;

/**
 * Carries out one drill on a fresh system: start it, load it, break it, restart what died, wait (bounded)
 * for recovery, stop it, check. Every process it starts is stopped by PID before it returns.
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
    private static final Duration CRASH_DEADLINE = Duration.ofSeconds(120);
    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(5);
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(120);
    /** How often a drill restarts Liberty to let it recover what an orderly stop left in its log. */
    private static final int EXTRA_RECOVERY_STARTS = 3;
    /** A control's lost transfer never completes; no point waiting as long for it. */
    private static final Duration CONTROL_RECOVERY_DEADLINE = Duration.ofSeconds(30);
    static final Duration BROKER_DOWNTIME = Duration.ofSeconds(3);

    private final Installation installation;
    private final Path outputDir;
    private final long seed;
    private Duration soakLength = Duration.ofMinutes(1);

    public DrillRunner(Installation installation, Path outputDir, long seed) {
        this.installation = installation;
        this.outputDir = outputDir;
        this.seed = seed;
        System.setProperty(BrokerProcess.LIB_DIR_PROPERTY, installation.brokerLib().toString());
        System.setProperty(dev.ledgerline.testkit.WorkerProcess.LIB_DIR_PROPERTY, installation.workerLib().toString());
    }

    /** How long {@link Fault#RANDOM_KILLS} goes on killing before the system is left to recover. */
    public DrillRunner soakFor(Duration length) {
        this.soakLength = length;
        return this;
    }

    /** The randomized soak as a drill of its own: both designs, random SIGKILLs to Liberty or the broker. */
    public static Drill soak(Database database) {
        return new Drill("soak." + database.label(), Victim.LIBERTY_OR_BROKER, database, "mixed", Fault.RANDOM_KILLS,
                null, java.util.Set.of(), "transfers in both designs while Liberty or the broker is killed every few seconds");
    }

    public DrillResult run(Drill drill) {
        Path runDir = outputDir.resolve("runs").resolve(drill.name());
        List<String> notes = new ArrayList<>();
        try {
            LibertyServer.deleteTree(runDir);
            Files.createDirectories(runDir);
            try (DrillDatabase db = DrillDatabase.start(drill.database(), runDir);
                 MoneyTimeline timeline = new MoneyTimeline()) {
                Outcome outcome = drill.onWorker()
                        ? new WorkerDrill(drill, runDir, db, seed).run(timeline, notes)
                        : runWithLiberty(drill, runDir, db, timeline, notes);
                return result(drill, outcome, timeline, notes);
            }
        } catch (DrillAborted e) {
            return DrillResult.aborted(drill, e.getMessage(), notes);
        } catch (Exception e) {
            return DrillResult.aborted(drill, e.toString(), notes);
        }
    }

    /** What a drill found: the invariants, the transfers by status, how many requests were accepted. */
    record Outcome(List<InvariantResult> invariants, Map<String, Long> transfersByStatus, long accepted) {
    }

    private Outcome runWithLiberty(Drill drill, Path runDir, DrillDatabase db, MoneyTimeline timeline,
                                   List<String> notes) throws Exception {
        int brokerPort = FreePort.pick();
        BrokerProcess broker = BrokerProcess.start(runDir.resolve("broker"), brokerPort);
        History history;
        try (LibertyUnderDrill liberty = new LibertyUnderDrill(installation, runDir, FreePort.pick(), brokerPort,
                db.libertyEnvironment(), drill.mode().startsWith("at-"))) {
            boolean armed = drill.fault() == Fault.CRASH_POINT;
            liberty.start(armed ? drill.point().pointName() : null, armed ? skipFor(drill.point()) : 0);
            TransferClient client = liberty.client();
            timeline.start(() -> db.readableWhileVictimRuns() ? db.totals() : client.totals());
            timeline.mark("load starts");
            try (LoadGenerator load = new LoadGenerator(client,
                    PlannedTransfer.plan(drill.name(), drill.mode(), plannedTransfers(drill), seed), CLIENTS,
                    LOAD_DEADLINE.plus(drill.fault() == Fault.RANDOM_KILLS ? soakLength : Duration.ZERO))) {
                load.start();
                switch (drill.fault()) {
                    case CRASH_POINT -> {
                        awaitCrash(liberty, drill);
                        timeline.mark("crash");
                        notes.add(stateAtCrash(db, broker));
                        liberty.start(null, 0);
                        timeline.mark("restart");
                    }
                    case BROKER_KILL -> {
                        await("a third of the load accepted").atMost(CRASH_DEADLINE)
                                .until(() -> load.history().accepted().size() >= TRANSFERS / 3);
                        broker.kill();
                        timeline.mark("broker killed");
                        TimeUnit.MILLISECONDS.sleep(BROKER_DOWNTIME.toMillis()); // the fault's length, not a wait for a condition
                        broker = BrokerProcess.start(runDir.resolve("broker"), brokerPort);
                        timeline.mark("restart");
                    }
                    case BROKER_KILL_UNDER_WORKER -> throw new IllegalArgumentException(drill.name() + " runs on the worker");
                    case DUPLICATE_DELIVERY -> {
                        load.awaitDone();
                        awaitFinal(client, load.history(), RECOVERY_DEADLINE);
                        int copies = DuplicateDelivery.sendCopies(broker.url(), load.history(), 20);
                        timeline.mark("restart");
                        notes.add(copies + " copies of applied messages put on transfers.idempotent");
                    }
                    case RANDOM_KILLS -> {
                        java.util.Random random = new java.util.Random(seed);
                        java.time.Instant end = java.time.Instant.now().plus(soakLength);
                        int libertyKills = 0;
                        int brokerKills = 0;
                        while (java.time.Instant.now().isBefore(end)) {
                            // The fault schedule: a kill every 4 to 10 seconds.
                            TimeUnit.MILLISECONDS.sleep(4000 + random.nextInt(6000));
                            if (random.nextBoolean()) {
                                liberty.kill();
                                timeline.mark("Liberty killed #" + ++libertyKills);
                                liberty.start(null, 0);
                            } else {
                                broker.kill();
                                timeline.mark("broker killed #" + ++brokerKills);
                                TimeUnit.MILLISECONDS.sleep(BROKER_DOWNTIME.toMillis());
                                broker = BrokerProcess.start(runDir.resolve("broker"), brokerPort);
                            }
                            timeline.mark("restart");
                        }
                        load.finish();
                        notes.add(libertyKills + " SIGKILLs of Liberty and " + brokerKills + " of the broker in "
                                + soakLength.toSeconds() + " s");
                    }
                }
                history = load.awaitDone();
            }
            Duration recoveryDeadline = drill.isControl() ? CONTROL_RECOVERY_DEADLINE : RECOVERY_DEADLINE;
            if (awaitRecovered(client, history, broker, recoveryDeadline)) {
                timeline.mark("recovered");
            } else {
                notes.add("not recovered within " + recoveryDeadline.toSeconds() + " s of the restart");
            }
            timeline.close();
            int recovered = liberty.recoveredAtLatestStart();
            liberty.stop();
            if (drill.coordinator().equals("liberty") && !liberty.stoppedWithNothingToRecover()) {
                restartUntilLogEmpty(liberty, notes);
            }
            InvariantResult coordinator = drill.coordinator().equals("liberty")
                    ? libertyLog(liberty, recovered, notes) : DrillChecker.noCoordinator();
            try (Connection c = db.connect(); BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
                return new Outcome(DrillChecker.check(c, inspector, history, coordinator),
                        LedgerCounts.transfersByStatus(c), history.accepted().size());
            }
        } finally {
            broker.close();
        }
    }

    static long skipFor(CrashPoint point) {
        return point == CrashPoint.IDEMPOTENT_AFTER_PUBLISH ? SKIP_PER_BATCH : SKIP;
    }

    private int plannedTransfers(Drill drill) {
        // The soak's plan is more than its clients can send in its time; the rest is dropped by finish().
        return drill.fault() == Fault.RANDOM_KILLS ? (int) Math.max(TRANSFERS, soakLength.toSeconds() * 100) : TRANSFERS;
    }

    private static void awaitCrash(LibertyUnderDrill liberty, Drill drill) throws IOException {
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
    private static String stateAtCrash(DrillDatabase db, BrokerProcess broker) throws Exception {
        long inDoubt;
        try (Connection c = db.connect()) {
            inDoubt = LedgerCounts.preparedBranches(c);
        }
        try (BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
            return "at the crash: " + inDoubt + " prepared branch(es) in the database, "
                    + inspector.preparedTransactions().size() + " in the broker";
        }
    }

    private static void awaitFinal(TransferClient client, History history, Duration deadline) {
        await("every accepted transfer is final").atMost(deadline).pollInterval(Duration.ofMillis(500))
                .until(() -> allFinal(client, history));
    }

    private static boolean allFinal(TransferClient client, History history) {
        for (UUID id : history.accepted().values()) {
            String status = client.status(id).orElse("UNKNOWN");
            if (status.equals("QUEUED") || status.equals("UNKNOWN")) {
                return false;
            }
        }
        return true;
    }

    /** Recovered: every accepted transfer final, nothing prepared in the broker, every queue empty. */
    private static boolean awaitRecovered(TransferClient client, History history, BrokerProcess broker,
                                          Duration deadline) {
        try (BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
            await("recovery").atMost(deadline).pollInterval(Duration.ofMillis(500)).until(() ->
                    allFinal(client, history) && inspector.preparedTransactions().isEmpty()
                            && inspector.messageCount("transfers.xa") == 0
                            && inspector.messageCount("transfers.idempotent") == 0);
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
    private static void restartUntilLogEmpty(LibertyUnderDrill liberty, List<String> notes)
            throws IOException, InterruptedException {
        for (int round = 1; round <= EXTRA_RECOVERY_STARTS; round++) {
            liberty.start(null, 0);
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

    private static InvariantResult libertyLog(LibertyUnderDrill liberty, int recoveredAtRestart, List<String> notes)
            throws IOException {
        notes.add("Liberty found " + recoveredAtRestart + " transaction(s) in its log at the restart (WTRN0027I/28I)");
        boolean clean = liberty.stoppedWithNothingToRecover();
        return DrillChecker.coordinatorLog(clean ? 0 : 1,
                "Liberty's final stop did not report an empty transaction log (no WTRN0105I)",
                "Liberty stopped with no transactions requiring recovery (WTRN0105I)");
    }

    private DrillResult result(Drill drill, Outcome outcome, MoneyTimeline timeline, List<String> notes)
            throws IOException {
        Double recovery = timeline.between("restart", "recovered").map(ms -> ms / 1000.0).orElse(null);
        Path chart = outputDir.resolve(drill.name() + "-money.png");
        MoneyChart.write(drill.name(), timeline, chart);
        Map<String, Long> counts = outcome.transfersByStatus();
        return new DrillResult(drill, outcome.accepted(), counts.getOrDefault("COMPLETED", 0L),
                counts.getOrDefault("REJECTED", 0L), counts.getOrDefault("FAILED", 0L), recovery, outcome.invariants(),
                notes, outputDir.relativize(chart).toString());
    }

    /** A drill that could not be carried out as designed. */
    static final class DrillAborted extends RuntimeException {
        DrillAborted(String message) {
            super(message);
        }
    }
}
