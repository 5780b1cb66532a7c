package dev.ledgerline.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;

import dev.ledgerline.db.LedgerSchema;
import dev.ledgerline.ledger.domain.Money;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.store.TransferStore;

/** A fresh in-memory H2 database with the real migrations, one per test. */
public final class LedgerDatabase {

    private static final Currency EUR = Currency.getInstance("EUR");

    private LedgerDatabase() {
    }

    public static JdbcDataSource fresh() {
        return fresh("");
    }

    /**
     * A fresh database whose connections wait up to {@code lockTimeout} for a row another transaction has
     * locked. H2 2.5 waits two seconds by default, which a test that makes many threads update the same
     * rows can exceed on a slow machine.
     */
    public static JdbcDataSource fresh(Duration lockTimeout) {
        return fresh(";LOCK_TIMEOUT=" + lockTimeout.toMillis());
    }

    private static JdbcDataSource fresh(String settings) {
        var ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + settings);
        LedgerSchema.migrate(ds);
        return ds;
    }

    /**
     * Queues a transfer in EUR between two demo accounts and commits it, in XA mode: the appliers and the
     * idempotent processor decide nothing by the mode (only a crash point does).
     */
    public static Transfer queue(JdbcDataSource ds, String from, String to, long amountMinor, Instant at)
            throws SQLException {
        return queue(ds, TransferMode.XA, from, to, amountMinor, at);
    }

    /** Queues a transfer in EUR between two demo accounts, in the given mode, and commits it. */
    public static Transfer queue(JdbcDataSource ds, TransferMode mode, String from, String to, long amountMinor,
                                 Instant at) throws SQLException {
        var t = Transfer.queued(UUID.randomUUID(), "key-" + UUID.randomUUID(), mode, from, to,
                new Money(amountMinor, EUR), at);
        try (Connection c = ds.getConnection()) {
            new TransferStore().insert(c, t);
        }
        return t;
    }

    /** The number of rows a query counts, read behind the ledger's back. */
    public static long count(JdbcDataSource ds, String countQuery) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(countQuery)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Whether another transaction holds {@code accountId}'s row lock: a second connection asks for it and gives
     * up after 50 ms. H2 reports giving up as LOCK_TIMEOUT_1 (50200).
     */
    public static boolean heldByAnother(JdbcDataSource ds, String accountId) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET LOCK_TIMEOUT 50");
            c.setAutoCommit(false);
            try {
                s.executeQuery("SELECT id FROM account WHERE id = '" + accountId + "' FOR UPDATE").close();
                return false;
            } catch (SQLException e) {
                if (e.getErrorCode() == org.h2.api.ErrorCode.LOCK_TIMEOUT_1) {
                    return true;
                }
                throw e;
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not probe the lock on " + accountId, e);
        }
    }

    /** Runs a statement behind the ledger's back, to prove that the checker notices. */
    public static void tamper(JdbcDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
