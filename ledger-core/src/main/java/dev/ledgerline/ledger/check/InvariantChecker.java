package dev.ledgerline.ledger.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.ledgerline.ledger.store.Dialect;

/**
 * Checks the ledger's invariants from what the database holds, and nothing else: like Jepsen's bank
 * checker it does not trust the code that wrote the data. One implementation serves the tests, the API and
 * the drills. Names match the numbered invariants (1 to 6) of {@code docs/design.md}.
 */
public final class InvariantChecker {

    public static final String MONEY_CONSERVED = "money-conserved";
    public static final String TWO_ENTRIES_PER_COMPLETED = "two-entries-per-completed-transfer";
    public static final String APPLIED_AT_MOST_ONCE = "applied-at-most-once";
    public static final String NONE_LOST = "none-lost";
    public static final String NO_BALANCE_BELOW_FLOOR = "no-balance-below-floor";
    public static final String NOTHING_IN_DOUBT = "nothing-in-doubt-in-database";
    public static final String BALANCE_MATCHES_ENTRIES = "balance-equals-opening-plus-entries";
    public static final String OUTBOX_DRAINED = "outbox-drained";

    private final Clock clock;

    public InvariantChecker(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param settleTime how long a transfer may stay QUEUED before it counts as lost, and an outbox row
     *                   unpublished before it counts as stuck; checks made right after a load use a short
     *                   one, checks made while traffic flows a longer one
     */
    public InvariantReport check(Connection c, Duration settleTime) throws SQLException {
        Instant now = clock.instant();
        List<InvariantResult> results = new ArrayList<>();
        results.add(moneyConserved(c));
        results.add(twoEntriesPerCompletedTransfer(c));
        results.add(appliedAtMostOnce(c));
        results.add(noneLost(c, now.minus(settleTime)));
        results.add(noBalanceBelowFloor(c));
        results.add(balanceMatchesEntries(c));
        results.add(nothingInDoubt(c));
        results.add(outboxDrained(c, now.minus(settleTime)));
        return new InvariantReport(now, results);
    }

    private static InvariantResult moneyConserved(Connection c) throws SQLException {
        // Per currency: a sum across currencies would mean nothing.
        String sql = """
                SELECT currency, SUM(opening_balance_minor) AS opening, SUM(balance_minor) AS now_held
                  FROM account GROUP BY currency ORDER BY currency""";
        long violations = 0;
        String first = null;
        StringBuilder totals = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String currency = rs.getString("currency").trim();
                long opening = rs.getLong("opening");
                long held = rs.getLong("now_held");
                totals.append(totals.isEmpty() ? "" : ", ").append(currency).append(' ').append(held).append(" minor");
                if (opening != held) {
                    violations++;
                    if (first == null) {
                        first = currency + ": opening total " + opening + ", now " + held;
                    }
                }
            }
        }
        return InvariantResult.of(MONEY_CONSERVED, "the sum of balances equals the sum of opening balances",
                violations, first, "totals unchanged: " + totals);
    }

    private static InvariantResult twoEntriesPerCompletedTransfer(Connection c) throws SQLException {
        // A completed transfer has exactly its debit on the source and its credit on the target; any other
        // transfer has no entries at all.
        String sql = """
                SELECT id, status, entries, matching FROM (
                    SELECT t.id, t.status, COUNT(e.id) AS entries,
                           SUM(CASE WHEN (e.account_id = t.from_account AND e.amount_minor = -t.amount_minor)
                                      OR (e.account_id = t.to_account AND e.amount_minor = t.amount_minor)
                                    THEN 1 ELSE 0 END) AS matching
                      FROM transfer t LEFT JOIN ledger_entry e ON e.transfer_id = t.id
                     GROUP BY t.id, t.status) per_transfer
                 WHERE (status = 'COMPLETED' AND (entries <> 2 OR matching <> 2))
                    OR (status <> 'COMPLETED' AND entries <> 0)""";
        return countRows(c, sql, TWO_ENTRIES_PER_COMPLETED,
                "every completed transfer has a debit and a credit that sum to zero; others have none",
                rs -> "transfer " + rs.getString("id") + " " + rs.getString("status") + " has "
                        + rs.getLong("entries") + " entries, " + rs.getLong("matching") + " matching",
                "every transfer has the entries its status calls for");
    }

    private static InvariantResult appliedAtMostOnce(Connection c) throws SQLException {
        // The unique constraints make these impossible; the check proves they are in force.
        String sql = """
                SELECT 'idempotency key ' || idempotency_key AS what, COUNT(*) AS n FROM transfer
                 GROUP BY idempotency_key HAVING COUNT(*) > 1
                UNION ALL
                SELECT 'entries of transfer ' || CAST(transfer_id AS VARCHAR(36)) || ' on ' || account_id, COUNT(*)
                  FROM ledger_entry GROUP BY transfer_id, account_id HAVING COUNT(*) > 1""";
        return countRows(c, sql, APPLIED_AT_MOST_ONCE,
                "each idempotency key made one transfer, and each transfer moved each account once",
                rs -> rs.getString("what") + " appears " + rs.getLong("n") + " times",
                "no key or posting repeated");
    }

    private static InvariantResult noneLost(Connection c, Instant queuedBefore) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, created_at FROM transfer WHERE status = 'QUEUED' AND created_at < ?
                 ORDER BY created_at""")) {
            ps.setObject(1, queuedBefore.atOffset(ZoneOffset.UTC));
            return countRows(ps, NONE_LOST, "every accepted transfer reached a final status in time",
                    rs -> "transfer " + rs.getString("id") + " still QUEUED since " + rs.getObject("created_at"),
                    "nothing queued since before " + queuedBefore);
        }
    }

    private static InvariantResult noBalanceBelowFloor(Connection c) throws SQLException {
        String sql = "SELECT id, balance_minor, floor_minor FROM account WHERE balance_minor < floor_minor ORDER BY id";
        return countRows(c, sql, NO_BALANCE_BELOW_FLOOR, "no balance below the account's floor",
                rs -> "account " + rs.getString("id") + " at " + rs.getLong("balance_minor") + " below "
                        + rs.getLong("floor_minor"),
                "all balances at or above their floor");
    }

    private static InvariantResult balanceMatchesEntries(Connection c) throws SQLException {
        String sql = """
                SELECT a.id, a.balance_minor, a.opening_balance_minor + COALESCE(SUM(e.amount_minor), 0) AS expected
                  FROM account a LEFT JOIN ledger_entry e ON e.account_id = a.id
                 GROUP BY a.id, a.balance_minor, a.opening_balance_minor
                HAVING a.balance_minor <> a.opening_balance_minor + COALESCE(SUM(e.amount_minor), 0)
                 ORDER BY a.id""";
        return countRows(c, sql, BALANCE_MATCHES_ENTRIES, "each balance equals its opening balance plus its entries",
                rs -> "account " + rs.getString("id") + " holds " + rs.getLong("balance_minor") + ", entries say "
                        + rs.getLong("expected"),
                "every balance matches its entries");
    }

    private static InvariantResult nothingInDoubt(Connection c) throws SQLException {
        String sql = Dialect.of(c).preparedBranchesQuery();
        return countRows(c, sql, NOTHING_IN_DOUBT, "no prepared (in-doubt) transaction branch left in the database",
                rs -> "branch " + rs.getString("xid") + " " + rs.getString("state"),
                "no prepared branch");
    }

    private static InvariantResult outboxDrained(Connection c, Instant createdBefore) throws SQLException {
        // The idempotent design's half of invariant 5: the relay publishes what was accepted. A row waiting
        // longer than the settle time means the relay is stuck or dead, and its transfer is not moving.
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, transfer_id, created_at FROM outbox WHERE published_at IS NULL AND created_at < ?
                 ORDER BY created_at, id""")) {
            ps.setObject(1, createdBefore.atOffset(ZoneOffset.UTC));
            return countRows(ps, OUTBOX_DRAINED, "no outbox row left unpublished longer than the settle time",
                    rs -> "outbox row " + rs.getLong("id") + " of transfer " + rs.getString("transfer_id")
                            + " unpublished since " + rs.getObject("created_at"),
                    "nothing unpublished since before " + createdBefore);
        }
    }

    @FunctionalInterface
    private interface RowDescription {
        String describe(ResultSet rs) throws SQLException;
    }

    private static InvariantResult countRows(Connection c, String sql, String name, String description,
                                             RowDescription firstRow, String passDetail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return countRows(ps, name, description, firstRow, passDetail);
        }
    }

    private static InvariantResult countRows(PreparedStatement ps, String name, String description,
                                             RowDescription firstRow, String passDetail) throws SQLException {
        long violations = 0;
        String first = null;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (violations++ == 0) {
                    first = firstRow.describe(rs);
                }
            }
        }
        return InvariantResult.of(name, description, violations, first, passDetail);
    }
}
