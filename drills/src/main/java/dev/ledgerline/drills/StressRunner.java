package dev.ledgerline.drills;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.awaitility.core.ConditionTimeoutException;

import dev.ledgerline.harness.Installation;
import dev.ledgerline.harness.RunDirectory;
import dev.ledgerline.harness.check.RunChecker;
import dev.ledgerline.harness.client.TransferClient;
import dev.ledgerline.harness.database.Database;
import dev.ledgerline.harness.database.DatabaseUnderTest;
import dev.ledgerline.harness.liberty.LibertyUnderTest;
import dev.ledgerline.harness.load.History;
import dev.ledgerline.harness.load.LoadGenerator;
import dev.ledgerline.harness.load.ModeMix;
import dev.ledgerline.harness.load.PlannedTransfer;
import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.BrokerProcess;
import dev.ledgerline.testkit.FreePort;

/**
 * One run of the stress: a fresh system (database, broker, Liberty), many HTTP clients submitting transfers
 * among a few accounts, so that both designs contend for the same rows, then the same checker as the drills.
 * No process is killed: whatever breaks an invariant here is a concurrency defect, not a recovery one.
 * Every process it starts is stopped by PID before it returns.
 */
final class StressRunner {

    /** The three richest EUR demo accounts: every transfer touches two of them. */
    static final List<String> ACCOUNTS = List.of("ACC-001", "ACC-007", "ACC-004");
    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(30);
    private static final Duration SETTLE_DEADLINE = Duration.ofMinutes(10);

    private final Installation installation;

    StressRunner(Installation installation) {
        this.installation = installation.useForChildProcesses();
    }

    /** What one run did and found. */
    record Result(Database database, ModeMix mode, int run, int planned, long accepted, Duration loadTime,
                  LostUpdates lost, List<InvariantResult> invariants, String note) {

        /** Every invariant held and no balance update was lost. */
        boolean held() {
            return lost.count() == 0 && invariants.stream().allMatch(InvariantResult::holds);
        }
    }

    Result run(Database database, ModeMix mode, int transfers, int clients, long seed, int run, Path runDir)
            throws Exception {
        RunDirectory.fresh(runDir);
        try (DatabaseUnderTest db = DatabaseUnderTest.start(database, runDir)) {
            int brokerPort = FreePort.pick();
            try (BrokerProcess broker = BrokerProcess.start(runDir.resolve("broker"), brokerPort);
                 LibertyUnderTest liberty = new LibertyUnderTest(installation, runDir, FreePort.pick(), brokerPort,
                         db.libertyEnvironment(), false)) {
                liberty.start();
                TransferClient client = liberty.client();
                List<PlannedTransfer> plan = PlannedTransfer.among(ACCOUNTS,
                        "stress-" + run + "-" + (seed + run) + "-", mode, transfers, seed + run,
                        PlannedTransfer.DEMO_MAX_AMOUNT_MINOR);
                Instant started = Instant.now();
                History history;
                try (LoadGenerator load = new LoadGenerator(client, plan, clients, LOAD_DEADLINE)) {
                    load.start();
                    history = load.awaitDone();
                }
                Duration loadTime = Duration.between(started, Instant.now());
                String note = settled(client, broker) ? ""
                        : "not settled within " + SETTLE_DEADLINE.toMinutes() + " min of the last submission";
                liberty.stop();
                try (Connection c = db.connect(); BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
                    return new Result(database, mode, run, transfers, history.accepted().size(), loadTime,
                            LostUpdates.count(c), RunChecker.check(c, inspector, history, RunChecker.noCoordinator()),
                            note);
                }
            }
        }
    }

    /** Settled: no transfer queued in the database, nothing waiting on either queue or in the outbox. */
    private static boolean settled(TransferClient client, BrokerProcess broker) throws Exception {
        try (BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
            await("the load settles").atMost(SETTLE_DEADLINE).pollInterval(Duration.ofSeconds(2)).until(() ->
                    client.unfinishedTransfers().orElse(-1L) == 0
                            && inspector.messageCount(TransferQueue.XA.address()) == 0
                            && inspector.messageCount(TransferQueue.IDEMPOTENT.address()) == 0);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
