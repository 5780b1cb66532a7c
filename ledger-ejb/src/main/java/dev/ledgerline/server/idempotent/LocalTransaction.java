package dev.ledgerline.server.idempotent;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Runs work in one local transaction on the non-XA data source: commit if it returns, roll back if it
 * throws. The data source is declared non-transactional in server.xml, so no container transaction can
 * take these connections over.
 */
public final class LocalTransaction {

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private LocalTransaction() {
    }

    public static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }
}
