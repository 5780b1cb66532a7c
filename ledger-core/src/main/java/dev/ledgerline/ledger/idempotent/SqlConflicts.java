package dev.ledgerline.ledger.idempotent;

import java.sql.SQLException;
import java.util.Set;

/**
 * Which database errors mean "another transaction got there first", so that the attempt is rolled back and
 * tried again from a fresh read, rather than a fault to report. Decided by SQLState, on H2 and PostgreSQL.
 */
final class SqlConflicts {

    private static final Set<String> CONFLICT_STATES = Set.of(
            // serialization_failure; H2 reports a deadlock with it too
            "40001",
            // PostgreSQL's deadlock_detected
            "40P01",
            // unique_violation: a concurrent delivery recorded the same message key, or posted the same transfer
            "23505",
            // H2's lock timeout: a row stayed locked by another transaction for longer than LOCK_TIMEOUT
            "HYT00",
            // PostgreSQL's lock_not_available, raised when lock_timeout is set and exceeded
            "55P03");

    private SqlConflicts() {
    }

    static boolean isConflict(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && CONFLICT_STATES.contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
