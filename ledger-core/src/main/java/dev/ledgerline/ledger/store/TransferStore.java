package dev.ledgerline.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.domain.Money;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.domain.TransferStatus;

/** Reads and writes transfers on the caller's connection, in the caller's transaction. */
public final class TransferStore {

    private static final String COLUMNS = """
            id, idempotency_key, mode, from_account, to_account, amount_minor, currency, status, reason,
            last_error, failed_attempts, created_at, completed_at, applied_by, coordinator""";

    /** SQLState of a unique-constraint violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    public void insert(Connection c, Transfer t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO transfer (id, idempotency_key, mode, from_account, to_account, amount_minor, currency,
                                      status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, t.id());
            ps.setString(2, t.idempotencyKey());
            ps.setString(3, t.mode().name());
            ps.setString(4, t.fromAccount());
            ps.setString(5, t.toAccount());
            ps.setLong(6, t.amount().minor());
            ps.setString(7, t.amount().currency().getCurrencyCode());
            ps.setString(8, t.status().name());
            Sql.setInstant(ps, 9, t.createdAt());
            ps.executeUpdate();
        }
    }

    /** Whether an exception from {@link #insert} means the idempotency key (or id) exists already. */
    public static boolean isDuplicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public Optional<Transfer> find(Connection c, UUID id) throws SQLException {
        return Sql.findOne(c, "SELECT " + COLUMNS + " FROM transfer WHERE id = ?", id, TransferStore::read);
    }

    /** Reads the transfer and holds its row lock, so two deliveries of it cannot apply it side by side. */
    public Optional<Transfer> findForUpdate(Connection c, UUID id) throws SQLException {
        return Sql.findOne(c, "SELECT " + COLUMNS + " FROM transfer WHERE id = ? " + Sql.rowLockForUpdate(c),
                id, TransferStore::read);
    }

    public Optional<Transfer> findByIdempotencyKey(Connection c, String key) throws SQLException {
        return Sql.findOne(c, "SELECT " + COLUMNS + " FROM transfer WHERE idempotency_key = ?",
                key, TransferStore::read);
    }

    /** The newest transfers first. */
    public List<Transfer> findRecent(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM transfer ORDER BY created_at DESC, id FETCH FIRST ? ROWS ONLY")) {
            ps.setInt(1, limit);
            return Sql.findAll(ps, TransferStore::read);
        }
    }

    /** The newest transfers first that debit or credit an account {@code customer} holds. */
    public List<Transfer> findRecentTouching(Connection c, String customer, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + """
                 FROM transfer
                WHERE from_account IN (SELECT account_id FROM customer_account WHERE customer = ?)
                   OR to_account IN (SELECT account_id FROM customer_account WHERE customer = ?)
                ORDER BY created_at DESC, id FETCH FIRST ? ROWS ONLY""")) {
            ps.setString(1, customer);
            ps.setString(2, customer);
            ps.setInt(3, limit);
            return Sql.findAll(ps, TransferStore::read);
        }
    }

    /**
     * Moves a queued transfer to its final status, recording who did it in the same statement, so that the
     * record commits or rolls back with the status. Returns false if it was not queued any more, so a transfer
     * can reach a final status once only.
     */
    public boolean finish(Connection c, UUID id, TransferStatus status, String reason, Instant at, AppliedBy by)
            throws SQLException {
        if (!status.isFinal()) {
            throw new IllegalArgumentException("not a final status: " + status);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE transfer SET status = ?, reason = ?, completed_at = ?, applied_by = ?, coordinator = ?
                 WHERE id = ? AND status = 'QUEUED'""")) {
            ps.setString(1, status.name());
            ps.setString(2, truncate(reason));
            Sql.setInstant(ps, 3, at);
            ps.setString(4, by.process());
            ps.setString(5, by.coordinator().wireName());
            ps.setObject(6, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Notes why a delivery attempt rolled back, so that a transfer that finally fails can say why. */
    public void recordFailedAttempt(Connection c, UUID id, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE transfer SET last_error = ?, failed_attempts = failed_attempts + 1
                 WHERE id = ? AND status = 'QUEUED'""")) {
            ps.setString(1, truncate(error));
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }

    private static Transfer read(ResultSet rs) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency").trim());
        return new Transfer(
                rs.getObject("id", UUID.class),
                rs.getString("idempotency_key"),
                TransferMode.valueOf(rs.getString("mode")),
                rs.getString("from_account"),
                rs.getString("to_account"),
                new Money(rs.getLong("amount_minor"), currency),
                TransferStatus.valueOf(rs.getString("status")),
                rs.getString("reason"),
                rs.getString("last_error"),
                rs.getInt("failed_attempts"),
                Sql.getInstant(rs, "created_at"),
                Sql.getInstant(rs, "completed_at"),
                appliedBy(rs));
    }

    /** Null until the transfer ends, and for transfers that ended before who ended them was recorded. */
    private static AppliedBy appliedBy(ResultSet rs) throws SQLException {
        String process = rs.getString("applied_by");
        if (process == null) {
            return null;
        }
        String coordinator = rs.getString("coordinator");
        UUID id = rs.getObject("id", UUID.class);
        return new AppliedBy(process, Coordinator.fromWireName(coordinator).orElseThrow(() -> new IllegalStateException(
                "transfer " + id + " names an unknown coordinator '" + coordinator + "'")));
    }
}
