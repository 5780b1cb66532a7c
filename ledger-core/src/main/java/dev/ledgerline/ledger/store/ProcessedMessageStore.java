package dev.ledgerline.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * The idempotent consumer's record of the messages it has applied, on the caller's connection and in the
 * caller's transaction. Recorded in the same local transaction as the work the message caused, so that the
 * record and the work commit, or roll back, together; deleted once older than the retention window
 * ({@link dev.ledgerline.ledger.retention.RecordPruner}).
 */
public final class ProcessedMessageStore {

    /**
     * Records the message key unless it is recorded already, and says which it was.
     *
     * <p>A key that is already recorded (and committed) is the normal duplicate case, and is found by the
     * statement's {@code NOT EXISTS} rather than by catching a unique violation: on PostgreSQL a failed
     * statement aborts the whole transaction. Two transactions recording the same key at the same moment
     * cannot see each other's uncommitted row, so the second still fails on the primary key (SQLState
     * 23505) once the first commits; the caller treats that as a conflict, rolls back and retries, and the
     * retry finds the key recorded.
     *
     * @return true if this call recorded the key, false if it was recorded before
     */
    public boolean recordFirst(Connection c, String messageKey, UUID transferId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO processed_message (message_key, transfer_id, processed_at)
                SELECT ?, ?, ?
                 WHERE NOT EXISTS (SELECT message_key FROM processed_message WHERE message_key = ?)""")) {
            ps.setString(1, messageKey);
            ps.setObject(2, transferId);
            Sql.setInstant(ps, 3, at);
            ps.setString(4, messageKey);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Deletes up to {@code limit} of the oldest records made before {@code before}, and returns how many this
     * call deleted; the caller commits, one short transaction per call.
     *
     * <p>Safe while other servers do the same on the same rows: each record is deleted by its key with the
     * age test repeated, in the order of age and then key. Two calls that picked the same records lock them
     * in the same order, so neither deadlocks the other: the second waits for the first one's transaction,
     * then finds the rows gone and counts nothing, so the counts of all servers add up to the rows deleted.
     */
    public int deleteProcessedBefore(Connection c, Instant before, int limit) throws SQLException {
        return Sql.deleteOldest(c, """
                SELECT message_key FROM processed_message WHERE processed_at < ?
                 ORDER BY processed_at, message_key
                 FETCH FIRST ? ROWS ONLY""",
                "DELETE FROM processed_message WHERE message_key = ? AND processed_at < ?",
                before, limit, rs -> rs.getString("message_key"));
    }
}
