package dev.ledgerline.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import dev.ledgerline.db.LedgerSchema;
import dev.ledgerline.harness.database.DatabaseUnderTest;

/**
 * Prepares a scenario's database before the process under test opens it: the ledger's schema (the same
 * Flyway migrations, so the demo accounts are there) and the uniform workload's accounts, inserted as
 * opening balances: the invariant checker counts them like any other account.
 */
final class BenchDatabase {

    /** 10,000.00 EUR per benchmark account: far more than a run's random walk can move. */
    private static final long OPENING_BALANCE_MINOR = 1_000_000;

    private BenchDatabase() {
    }

    static void prepare(DatabaseUnderTest db) throws SQLException {
        LedgerSchema.migrate(db.dataSource());
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            insertAccounts(c, Workload.UNIFORM.accounts());
            c.commit();
        }
    }

    private static void insertAccounts(Connection c, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO account (id, owner, currency, opening_balance_minor, balance_minor, floor_minor)
                VALUES (?, ?, 'EUR', ?, ?, 0)""")) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.setString(2, "Benchmark " + id);
                ps.setLong(3, OPENING_BALANCE_MINOR);
                ps.setLong(4, OPENING_BALANCE_MINOR);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
