package dev.ledgerline.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few conversions and the one look-up every store needs between JDBC and the domain's types. */
final class Sql {

    /** Makes a domain object of the result set's current row. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    /** Runs {@code sql}, whose one parameter is {@code key}, and reads its first row, if there is one. */
    static <T> Optional<T> findOne(Connection c, String sql, Object key, RowReader<T> reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
            }
        }
    }

    /** Runs the prepared query, its parameters set, and reads every row. */
    static <T> List<T> findAll(PreparedStatement ps, RowReader<T> reader) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(reader.read(rs));
            }
            return rows;
        }
    }

    /**
     * Runs {@code delete}, whose parameters are a row's key and a cut-off instant, once for each key in the
     * order given, as one JDBC batch, and returns how many rows it deleted: a key whose row is gone already (a
     * concurrent delete committed first) or no longer passes the statement's test counts nothing.
     */
    static int deleteEach(Connection c, String delete, List<?> keys, Instant before) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(delete)) {
            for (Object key : keys) {
                ps.setObject(1, key);
                setInstant(ps, 2, before);
                ps.addBatch();
            }
            int deleted = 0;
            for (int rows : ps.executeBatch()) {
                // PostgreSQL's and H2's drivers report each statement's count; a driver that does not
                // (SUCCESS_NO_INFO) would make every count below a guess.
                if (rows < 0) {
                    throw new SQLException("the driver did not say how many rows a delete removed (" + rows + ")");
                }
                deleted += rows;
            }
            return deleted;
        }
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null : instant.atOffset(ZoneOffset.UTC));
    }

    /** The row lock a read-then-update takes on this connection's database (see {@link Dialect}). */
    static String rowLockForUpdate(Connection c) throws SQLException {
        return Dialect.of(c).rowLockForUpdate();
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
