package dev.ledgerline.drills;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Balance updates that were committed and then lost, counted from the ledger itself. Every applied posting
 * writes one ledger entry and bumps its account's version once, in one transaction; the demo accounts start
 * at version 0. So an account with more entries than its version has lost that many balance updates, and
 * the balance it holds differs from its opening balance plus its entries by the amounts they carried.
 *
 * @param count      ledger entries whose balance update is missing, over all accounts
 * @param minorUnits the sum of (balance - opening balance - entries) over all accounts: money created (&gt; 0)
 *                   or destroyed (&lt; 0) by the lost updates
 * @param accounts   one line per account that lost an update
 */
record LostUpdates(long count, long minorUnits, List<String> accounts) {

    LostUpdates {
        accounts = List.copyOf(accounts);
    }

    static LostUpdates count(Connection c) throws SQLException {
        long count = 0;
        long minor = 0;
        List<String> accounts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.id, a.version, a.balance_minor, a.opening_balance_minor,
                       COUNT(e.id) AS entries, COALESCE(SUM(e.amount_minor), 0) AS entries_minor
                  FROM account a LEFT JOIN ledger_entry e ON e.account_id = a.id
                 GROUP BY a.id, a.version, a.balance_minor, a.opening_balance_minor
                 ORDER BY a.id""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long missing = rs.getLong("entries") - rs.getLong("version");
                long off = rs.getLong("balance_minor") - rs.getLong("opening_balance_minor") - rs.getLong("entries_minor");
                if (missing != 0 || off != 0) {
                    accounts.add(rs.getString("id") + ": " + rs.getLong("entries") + " entries, version "
                            + rs.getLong("version") + ", balance off by " + off + " minor units");
                }
                count += Math.max(0, missing);
                minor += off;
            }
        }
        return new LostUpdates(count, minor, accounts);
    }
}
