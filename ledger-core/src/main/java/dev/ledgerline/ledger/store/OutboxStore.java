package dev.ledgerline.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.ledgerline.ledger.domain.TransferMode;

/**
 * The transactional outbox on the caller's connection, in the caller's transaction. A row is inserted in
 * the same local transaction as the transfer it announces; a relay then claims rows, publishes them and
 * marks them published. Publication is at least once (a relay can die between sending and marking), which
 * the consumer's processed-message record makes harmless. A published row is deleted once it was published
 * longer ago than the retention window ({@link dev.ledgerline.ledger.retention.RecordPruner}); an
 * unpublished one never is.
 */
public final class OutboxStore {

    /** Adds a message to publish and returns its id. */
    public long insert(Connection c, UUID transferId, String destination, String payload, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO outbox (transfer_id, destination, payload, created_at)
                VALUES (?, ?, ?, ?)""", new String[] {"id"})) {
            ps.setObject(1, transferId);
            ps.setString(2, destination);
            ps.setString(3, payload);
            Sql.setInstant(ps, 4, at);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the outbox row of transfer " + transferId);
                }
                return keys.getLong(1);
            }
        }
    }

    /**
     * Claims up to {@code limit} of the oldest unpublished rows that nobody holds a live claim on, for
     * {@code lease}, and returns them oldest first. The caller should commit at once, publish outside the
     * transaction, and then {@link #markPublished mark} each row in another one.
     *
     * <p>Each row is claimed by its own conditional update that repeats the test the candidate query made,
     * and kept only if that update changed it. Two relays that pick the same candidates therefore split
     * them: the second one's update waits for the first one's transaction, then finds the row claimed and
     * changes nothing. That wait lasts as long as the other relay's claiming transaction, which is why
     * claims are committed at once.
     */
    public List<OutboxMessage> claim(Connection c, String claimant, Instant now, Duration lease, int limit)
            throws SQLException {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a claim must last a while, not " + lease);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        List<OutboxMessage> candidates = claimable(c, now, limit);
        Instant until = now.plus(lease);
        List<OutboxMessage> claimed = new ArrayList<>(candidates.size());
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE outbox SET claimed_by = ?, claimed_until = ?
                 WHERE id = ? AND published_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?)""")) {
            for (OutboxMessage candidate : candidates) {
                ps.setString(1, claimant);
                Sql.setInstant(ps, 2, until);
                ps.setLong(3, candidate.id());
                Sql.setInstant(ps, 4, now);
                if (ps.executeUpdate() == 1) {
                    claimed.add(candidate);
                }
            }
        }
        return claimed;
    }

    /**
     * Marks a claimed row published. Returns false if the row is no longer this claimant's: its claim
     * lapsed and another relay took it over (and will send it again), or it is published already.
     */
    public boolean markPublished(Connection c, long id, String claimant, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE outbox SET published_at = ?
                 WHERE id = ? AND claimed_by = ? AND published_at IS NULL""")) {
            Sql.setInstant(ps, 1, at);
            ps.setLong(2, id);
            ps.setString(3, claimant);
            return ps.executeUpdate() == 1;
        }
    }

    /** How many rows created before {@code createdBefore} are still unpublished: the relay's backlog. */
    public long countUnpublishedOlderThan(Connection c, Instant createdBefore) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COUNT(id) AS unpublished FROM outbox
                 WHERE published_at IS NULL AND created_at < ?""")) {
            Sql.setInstant(ps, 1, createdBefore);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong("unpublished");
            }
        }
    }

    /**
     * Deletes up to {@code limit} of the rows published longest ago, before {@code before}, and returns how
     * many this call deleted; the caller commits, one short transaction per call. A row not yet published
     * ({@code published_at} NULL) is never deleted, however old: it is a transfer still to be announced.
     *
     * <p>Safe while other servers do the same: each row is deleted by its id with both tests repeated, in the
     * order of publication and then id, so two calls that picked the same rows lock them in the same order;
     * the second finds them gone and counts nothing.
     */
    public int deletePublishedBefore(Connection c, Instant before, int limit) throws SQLException {
        return Sql.deleteOldest(c, """
                SELECT id FROM outbox WHERE published_at IS NOT NULL AND published_at < ?
                 ORDER BY published_at, id
                 FETCH FIRST ? ROWS ONLY""",
                "DELETE FROM outbox WHERE id = ? AND published_at IS NOT NULL AND published_at < ?",
                before, limit, rs -> rs.getLong("id"));
    }

    private static List<OutboxMessage> claimable(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT o.id, o.transfer_id, t.mode, o.destination, o.payload, o.created_at
                  FROM outbox o JOIN transfer t ON t.id = o.transfer_id
                 WHERE o.published_at IS NULL AND (o.claimed_until IS NULL OR o.claimed_until < ?)
                 ORDER BY o.created_at, o.id
                 FETCH FIRST ? ROWS ONLY""")) {
            Sql.setInstant(ps, 1, now);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<OutboxMessage> messages = new ArrayList<>();
                while (rs.next()) {
                    messages.add(new OutboxMessage(rs.getLong("id"), rs.getObject("transfer_id", UUID.class),
                            TransferMode.valueOf(rs.getString("mode")), rs.getString("destination"), rs.getString("payload"), Sql.getInstant(rs, "created_at")));
                }
                return messages;
            }
        }
    }
}
