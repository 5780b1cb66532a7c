package dev.ledgerline.harness.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.EnumMap;
import java.util.TreeMap;

import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.store.Dialect;

/** Counts the report needs from the database: transfers by status and by process, and branches left prepared. */
public final class LedgerCounts {

    private LedgerCounts() {
    }

    public static Map<TransferStatus, Long> transfersByStatus(Connection c) throws SQLException {
        Map<TransferStatus, Long> counts = new EnumMap<>(TransferStatus.class);
        try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) AS n FROM transfer GROUP BY status");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(TransferStatus.valueOf(rs.getString("status").trim()), rs.getLong("n"));
            }
        }
        return counts;
    }

    /**
     * Ended transfers by the process that ended them and its coordinator ({@code liberty/ledgerline-1 (liberty-tm)}),
     * in name order: which parts of a cluster did the work.
     */
    public static Map<String, Long> transfersByProcess(Connection c) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT applied_by, coordinator, COUNT(*) AS n FROM transfer "
                + "WHERE applied_by IS NOT NULL GROUP BY applied_by, coordinator");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString("applied_by") + " (" + rs.getString("coordinator") + ")", rs.getLong("n"));
            }
        }
        return counts;
    }

    public static long preparedBranches(Connection c) throws SQLException {
        String sql = "SELECT COUNT(*) FROM (" + Dialect.of(c).preparedBranchesQuery() + ") branches";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
