package dev.ledgerline.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import dev.ledgerline.ledger.domain.DeadLetter;
import dev.ledgerline.ledger.domain.DeadLetterReason;

/** The record of every dead letter taken (table {@code dead_letter}), on the caller's connection and transaction. */
public final class DeadLetterStore {

    private static final String COLUMNS = """
            id, queue_name, original_queue, broker_message_id, transfer_id, reason, detail, delivery_count,
            body_excerpt, received_at""";

    /**
     * Records the dead letter unless one with the same broker message id is recorded already, and says which it
     * was: a dead letter delivered again (its consumer committed, then failed before the acknowledgement) is
     * recorded once. A dead letter without a message id cannot be told from a redelivery of itself and is
     * recorded each time it is taken.
     *
     * <p>Looked for before the insert rather than caught as a unique violation: on PostgreSQL a failed statement
     * aborts the whole transaction. Two transactions recording the same id at the same moment cannot see each
     * other's row; the second fails on the unique constraint once the first commits, its dead letter returns to
     * the queue, and the next delivery finds the record.
     *
     * @return true if this call recorded it, false if it was recorded before
     */
    public boolean recordFirst(Connection c, DeadLetter d) throws SQLException {
        if (d.brokerMessageId() != null && isRecorded(c, d.brokerMessageId())) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO dead_letter (queue_name, original_queue, broker_message_id, transfer_id, reason, detail,
                                         delivery_count, body_excerpt, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, d.queue());
            ps.setString(2, d.originalQueue());
            ps.setString(3, d.brokerMessageId());
            ps.setObject(4, d.transferId());
            ps.setString(5, d.reason().name());
            ps.setString(6, d.detail());
            ps.setInt(7, d.deliveryCount());
            ps.setString(8, d.bodyExcerpt());
            Sql.setInstant(ps, 9, d.receivedAt());
            return ps.executeUpdate() == 1;
        }
    }

    private static boolean isRecorded(Connection c, String brokerMessageId) throws SQLException {
        return Sql.findOne(c, "SELECT id FROM dead_letter WHERE broker_message_id = ?", brokerMessageId,
                rs -> rs.getLong(1)).isPresent();
    }

    /** The newest first. */
    public List<DeadLetter> findRecent(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM dead_letter ORDER BY received_at DESC, id DESC FETCH FIRST ? ROWS ONLY")) {
            ps.setInt(1, limit);
            return Sql.findAll(ps, DeadLetterStore::read);
        }
    }

    private static DeadLetter read(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getLong("id"), rs.getString("queue_name"), rs.getString("original_queue"),
                rs.getString("broker_message_id"), rs.getObject("transfer_id", UUID.class),
                DeadLetterReason.valueOf(rs.getString("reason")), rs.getString("detail"), rs.getInt("delivery_count"),
                rs.getString("body_excerpt"), Sql.getInstant(rs, "received_at"));
    }
}
