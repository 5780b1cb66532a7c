package dev.ledgerline.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** The few conversions every store needs between JDBC and the domain's types. */
final class Sql {

    private Sql() {
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null : instant.atOffset(ZoneOffset.UTC));
    }

    /**
     * The row lock a read-then-update takes: {@code FOR UPDATE} on H2; on PostgreSQL {@code FOR NO KEY UPDATE},
     * the lock its own UPDATE of non-key columns takes. PostgreSQL's plain FOR UPDATE also blocks the
     * {@code FOR KEY SHARE} lock that every foreign-key check takes on the row it references, so a submission
     * inserting a transfer (key-share locks on both accounts, source first) and an XA consumer locking the same
     * two accounts (by id order) deadlocked under load ("deadlock detected", the submission answered 500). The
     * ledger never changes a key, so nothing needs the stronger lock. H2 has no such lock mode.
     */
    static String rowLockForUpdate(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        return product != null && product.toLowerCase(Locale.ROOT).contains("postgres") ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
