package dev.ledgerline.ledger.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What differs between the two databases the ledger runs on. The only place that asks a connection which
 * product it talks to: the rest of the code asks the dialect for the SQL it needs.
 */
public enum Dialect {

    H2("FOR UPDATE",
            "SELECT TRANSACTION_NAME AS xid, TRANSACTION_STATE AS state FROM INFORMATION_SCHEMA.IN_DOUBT"),

    /**
     * {@code FOR NO KEY UPDATE} is the lock PostgreSQL's own UPDATE of non-key columns takes. Its plain
     * {@code FOR UPDATE} also blocks the {@code FOR KEY SHARE} lock that every foreign-key check takes on the
     * row it references, so a submission inserting a transfer (key-share locks on both accounts, source first)
     * and an XA consumer locking the same two accounts (by id order) deadlocked under load ("deadlock
     * detected", the submission answered 500). The ledger never changes a key, so nothing needs the stronger
     * lock.
     */
    POSTGRESQL("FOR NO KEY UPDATE", "SELECT gid AS xid, 'PREPARED' AS state FROM pg_prepared_xacts");

    private final String rowLockForUpdate;
    private final String preparedBranches;

    Dialect(String rowLockForUpdate, String preparedBranches) {
        this.rowLockForUpdate = rowLockForUpdate;
        this.preparedBranches = preparedBranches;
    }

    /** The dialect of the database behind a connection; a product the ledger was not built for is refused. */
    public static Dialect of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("h2")) {
            return H2;
        }
        throw new SQLException("Ledgerline runs on PostgreSQL or H2, not on " + product);
    }

    /** The row lock a read-then-update takes, appended to its SELECT. */
    public String rowLockForUpdate() {
        return rowLockForUpdate;
    }

    /**
     * A query for the prepared (in-doubt) XA branches the database holds, one row each with the columns
     * {@code xid} and {@code state}.
     */
    public String preparedBranchesQuery() {
        return preparedBranches;
    }
}
