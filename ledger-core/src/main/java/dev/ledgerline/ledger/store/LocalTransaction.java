package dev.ledgerline.ledger.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Runs work in one local transaction on a plain (non-XA) data source: commit if it returns, roll back if it
 * throws. The one template of the designs that need no coordinator (the idempotent consumer, the outbox, the
 * unsafe demonstration consumers, the dead letters of both); the stores themselves never commit.
 *
 * <p>The connection goes back with the auto-commit mode it came with, so a pooled connection is as the next
 * borrower expects it. Except after a failed rollback: restoring auto-commit would then commit whatever the
 * rollback left in place, so the connection is closed as it is, and the driver or the pool rolls it back or
 * discards it. An {@link Error} rolls back too: it must not leave its half of the work to whoever closes the
 * connection.
 */
public final class LocalTransaction {

    /** The work of one transaction, on the connection the template opened; it commits nothing itself. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private LocalTransaction() {
    }

    /**
     * @return what the work returned, once it is committed
     * @throws SQLException if the work, the commit or the connection failed; nothing is committed then, unless
     *                      the commit itself was reported as failed after the database had applied it
     */
    public static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollBack(c, autoCommit, e);
                throw e;
            }
            c.setAutoCommit(autoCommit);
            return result;
        }
    }

    /** Rolls back, keeping the original failure as the one reported. */
    private static void rollBack(Connection c, boolean autoCommit, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
            return;
        }
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
