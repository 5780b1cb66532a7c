package dev.ledgerline.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.ledgerline.ledger.check.InvariantReport;
import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.testkit.ObjectStoreContents;
import dev.ledgerline.testkit.WorkerProcess;

/**
 * The XA crash drills against the worker, one per point of the matrix: halt the worker in the middle of a load
 * at the point, look at what each resource manager holds, restart it unarmed, and check that recovery finished
 * the interrupted transaction and left nothing behind.
 *
 * <p>What is seen right after the halt also proves the order Narayana drives the two resources in (broker
 * first, then database): halted after the first commit, the broker has nothing prepared and the database still
 * holds its branch in doubt.
 */
class WorkerCrashIT {

    private static final int TRANSFERS = 120;
    /** Let this many transactions pass the point first, so the halt comes in the middle of the load. */
    private static final int SKIP = 20;

    /** What the broker and the database hold, and whether Narayana has logged its decision, right after a halt. */
    record AfterHalt(int preparedOnBroker, int inDoubtInDatabase, int transactionRecords) {
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = CrashPoint.class, names = "XA_.*", mode = EnumSource.Mode.MATCH_ALL)
    void crashedWorkerIsRecoveredWithNothingLeftBehind(CrashPoint point) throws Exception {
        try (WorkerTestbed testbed = new WorkerTestbed("crash-" + point.pointName())) {
            testbed.preload(TRANSFERS, 7);

            // One consumer, so the halted transaction is the only one in flight and what is left is exact.
            WorkerProcess armed = testbed.startWorker(Map.of(
                    CrashPoints.POINT_PROPERTY, point.pointName(),
                    CrashPoints.SKIP_PROPERTY, Integer.toString(SKIP)), 1);
            OptionalInt status = armed.awaitExit(Duration.ofSeconds(60));
            assertThat(status).as("the armed worker halts at " + point.pointName()).hasValue(CrashPoints.HALT_STATUS);
            assertThat(armed.output()).contains("crash point " + point.pointName() + " reached");

            AfterHalt seen = new AfterHalt(testbed.preparedOnBroker(), testbed.inDoubtInDatabase(),
                    ObjectStoreContents.transactionRecords(testbed.objectStore()).size());
            assertThat(seen).as("state right after the halt at " + point.pointName()).isEqualTo(expectedAfterHalt(point));

            WorkerProcess restarted = testbed.startWorker(Map.of(), 2);
            testbed.awaitDrainedAndRecovered();
            restarted.stop();
            String log = restarted.output();

            InvariantReport report = testbed.checkInvariants();
            assertThat(report.allHold()).as(report.toString()).isTrue();
            assertThat(testbed.inDoubtInDatabase()).isZero();
            assertThat(WorkerTestbed.repeatedMissingResourceWarnings(log)).as("ARJUNA016037 repeated in " + testbed.workerLog)
                    .isEmpty();
        }
    }

    /**
     * The broker is enlisted first, and Narayana prepares and commits in enlistment order; it writes its log
     * after the last prepare and deletes it after the last commit.
     */
    private static AfterHalt expectedAfterHalt(CrashPoint point) {
        return switch (point) {
            case XA_BEFORE_PREPARE -> new AfterHalt(0, 0, 0);
            case XA_AFTER_BROKER_PREPARE -> new AfterHalt(1, 0, 0);
            case XA_AFTER_DB_PREPARE, XA_AFTER_PREPARE_ALL -> new AfterHalt(1, 1, 0);
            case XA_AFTER_DECISION -> new AfterHalt(1, 1, 1);
            case XA_AFTER_FIRST_COMMIT -> new AfterHalt(0, 1, 1);
            case XA_AFTER_ALL_COMMITS -> new AfterHalt(0, 0, 1);
            default -> throw new IllegalArgumentException("not an XA point: " + point);
        };
    }
}
