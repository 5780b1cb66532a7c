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
     * Deletes up to {@code limit} of the rows that {@code selectKeys} lists oldest first, one by one with
     * {@code deleteOne}, in that order, and returns how many were deleted. {@code selectKeys} takes the cut-off
     * instant and the limit; {@code deleteOne} takes a key and the cut-off again, so that a row deleted by a
     * concurrent call that committed first, or no longer old enough, counts nothing. Deleting in one order is
     * what keeps two such calls on the same rows from deadlocking: the second waits for the first one's locks.
     */
    static int deleteOldest(Connection c, String selectKeys, String deleteOne, Instant before, int limit,
                            RowReader<?> key) throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        List<?> keys;
        try (PreparedStatement ps = c.prepareStatement(selectKeys)) {
            setInstant(ps, 1, before);
            ps.setInt(2, limit);
            keys = findAll(ps, key);
        }
        if (keys.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(deleteOne)) {
            for (Object k : keys) {
                ps.setObject(1, k);
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
