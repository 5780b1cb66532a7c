package dev.ledgerline.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.ledgerline.ledger.domain.LedgerEntry;
import dev.ledgerline.ledger.rules.Posting;

/** Writes and reads ledger entries on the caller's connection, in the caller's transaction. */
public final class LedgerEntryStore {

    public void insert(Connection c, UUID transferId, Posting posting, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO ledger_entry (transfer_id, account_id, amount_minor, created_at)
                VALUES (?, ?, ?, ?)""")) {
            ps.setObject(1, transferId);
            ps.setString(2, posting.accountId());
            ps.setLong(3, posting.amountMinor());
            Sql.setInstant(ps, 4, at);
            ps.executeUpdate();
        }
    }

    /** The account's entries, newest first. */
    public List<LedgerEntry> forAccount(Connection c, String accountId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, transfer_id, account_id, amount_minor, created_at
                  FROM ledger_entry
                 WHERE account_id = ?
                 ORDER BY id DESC
                 FETCH FIRST ? ROWS ONLY""")) {
            ps.setString(1, accountId);
            ps.setInt(2, limit);
            return Sql.findAll(ps, rs -> new LedgerEntry(rs.getLong("id"), rs.getObject("transfer_id", UUID.class),
                    rs.getString("account_id"), rs.getLong("amount_minor"), Sql.getInstant(rs, "created_at")));
        }
    }
}
