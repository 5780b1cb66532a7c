package dev.ledgerline.harness.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.transaction.xa.Xid;

import dev.ledgerline.harness.load.History;
import dev.ledgerline.ledger.check.InvariantChecker;
import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerInspector;

/**
 * Every invariant of docs/design.md (the six numbered ones) after a drill, a stress run or a benchmark
 * scenario, from what the database, the broker and the coordinators' logs hold, and from the clients' history,
 * like Jepsen's bank checker: the database half is {@link InvariantChecker} (the same checker the tests and the
 * API use); this class adds what only a run from outside can see (invariants 3 and 5: what the clients were
 * promised, the broker's prepared branches and queues, the coordinator's log).
 */
public final class RunChecker {

    public static final String ACCEPTED_APPLIED_EXACTLY_ONCE = "accepted-applied-exactly-once";
    public static final String CLIENT_REQUESTS_ANSWERED = "client-requests-answered";
    public static final String NOTHING_IN_DOUBT_IN_BROKER = "nothing-in-doubt-in-broker";
    public static final String QUEUES_DRAINED = "queues-drained";
    public static final String NO_COORDINATOR_LOG_LEFT = "no-coordinator-log-left";

    private RunChecker() {
    }

    /**
     * @param history     what the clients were promised; null for a load put straight on the queue (the
     *                    database's transfer rows are then the whole record of what was accepted)
     * @param coordinator the coordinator's own check, made by the runner that knows where its log lives
     */
    public static List<InvariantResult> check(Connection db, BrokerInspector broker, History history,
                                              InvariantResult coordinator) throws Exception {
        List<InvariantResult> results = new ArrayList<>(
                new InvariantChecker(Clock.systemUTC()).check(db, Duration.ZERO).results());
        if (history != null) {
            results.add(acceptedAppliedExactlyOnce(db, history.accepted()));
            results.add(clientRequestsAnswered(history));
        } else {
            results.add(everyRowAppliedOrRejected(db));
        }
        results.add(nothingInDoubtInBroker(broker.preparedTransactions()));
        results.add(queuesDrained(broker));
        results.add(coordinator);
        return results;
    }

    private static InvariantResult acceptedAppliedExactlyOnce(Connection db, Map<String, UUID> accepted)
            throws SQLException {
        // One row per accepted key, with the id the client was given, in a final state other than FAILED: a
        // FAILED transfer was accepted and never applied. Entries and balances are InvariantChecker's part.
        long violations = 0;
        String first = null;
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT id, status FROM transfer WHERE idempotency_key = ?")) {
            for (var e : accepted.entrySet()) {
                ps.setString(1, e.getKey());
                String problem = null;
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        problem = "key " + e.getKey() + " was accepted as " + e.getValue() + " but no transfer exists";
                    } else if (!UUID.fromString(rs.getString("id").trim()).equals(e.getValue())) {
                        problem = "key " + e.getKey() + " was accepted as " + e.getValue() + " but is " + rs.getString("id");
                    } else if (!isAppliedOrRejected(rs.getString("status"))) {
                        problem = "transfer " + e.getValue() + " is " + rs.getString("status").trim();
                    }
                }
                if (problem != null && violations++ == 0) {
                    first = problem;
                }
            }
        }
        return InvariantResult.of(ACCEPTED_APPLIED_EXACTLY_ONCE,
                "every request the server accepted is one transfer, completed or rejected, none lost or failed",
                violations, first, accepted.size() + " accepted, all final");
    }

    /**
     * For a load put straight on the queue, every transfer row was accepted (preloaded with its message): each
     * must be completed or rejected. FAILED means dead-lettered, an accepted transfer never applied.
     */
    private static InvariantResult everyRowAppliedOrRejected(Connection db) throws SQLException {
        long violations = 0;
        String first = null;
        long total = 0;
        try (PreparedStatement ps = db.prepareStatement("SELECT id, status, last_error FROM transfer ORDER BY created_at, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                total++;
                String status = rs.getString("status").trim();
                if (!isAppliedOrRejected(status) && violations++ == 0) {
                    first = "transfer " + rs.getString("id").trim() + " is " + status
                            + (rs.getString("last_error") == null ? "" : ": " + rs.getString("last_error"));
                }
            }
        }
        return InvariantResult.of(ACCEPTED_APPLIED_EXACTLY_ONCE,
                "every transfer put on the queue is completed or rejected, none lost or failed",
                violations, first, total + " transfers, all completed or rejected");
    }

    /** COMPLETED or REJECTED: final, and not FAILED, which is a transfer accepted and never applied. */
    private static boolean isAppliedOrRejected(String status) {
        TransferStatus s = TransferStatus.valueOf(status.trim());
        return s == TransferStatus.COMPLETED || s == TransferStatus.REJECTED;
    }

    private static InvariantResult clientRequestsAnswered(History history) {
        var refused = history.refused();
        return InvariantResult.of(CLIENT_REQUESTS_ANSWERED,
                "every request was accepted once, after retries with its idempotency key",
                refused.size(), refused.entrySet().stream().findFirst().map(e -> e.getKey() + ": " + e.getValue()).orElse(null),
                history.unknownOutcomes() + " submissions without an answer were retried");
    }

    private static InvariantResult nothingInDoubtInBroker(List<Xid> prepared) {
        return InvariantResult.of(NOTHING_IN_DOUBT_IN_BROKER, "no prepared transaction branch left in the broker",
                prepared.size(), prepared.isEmpty() ? null : "prepared XID with format " + prepared.get(0).getFormatId(),
                "no prepared branch");
    }

    private static InvariantResult queuesDrained(BrokerInspector broker) throws Exception {
        long violations = 0;
        String first = null;
        Set<String> transferQueues = new HashSet<>();
        for (TransferQueue queue : TransferQueue.values()) {
            transferQueues.add(queue.address());
            transferQueues.add(queue.deadLetterAddress());
        }
        for (String queue : broker.queueNames()) {
            if (!transferQueues.contains(queue)) {
                continue;
            }
            long count = broker.messageCount(queue);
            if (count > 0 && violations++ == 0) {
                first = queue + " holds " + count + " messages";
            }
        }
        return InvariantResult.of(QUEUES_DRAINED, "no message left on a transfer queue or its dead-letter queue",
                violations, first, "every transfers.* queue is empty");
    }

    /** The coordinator check when a design has no coordinator: holds by construction, and says so. */
    public static InvariantResult noCoordinator() {
        return InvariantResult.pass(NO_COORDINATOR_LOG_LEFT, "no transaction log left by a coordinator",
                "no coordinator in this design");
    }

    public static InvariantResult coordinatorLog(long leftover, String firstLeftover, String passDetail) {
        return InvariantResult.of(NO_COORDINATOR_LOG_LEFT, "no transaction log left by a coordinator",
                leftover, firstLeftover, passDetail);
    }
}
