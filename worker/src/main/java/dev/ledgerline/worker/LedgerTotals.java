package dev.ledgerline.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.ledgerline.ledger.domain.TransferStatus;

/**
 * The money the ledger holds per currency and how many transfers are in each status, read in one plain
 * query each. The drills sample it while the worker runs to see that money stays constant over time.
 */
public record LedgerTotals(Map<String, Long> balances, Map<TransferStatus, Long> transfers) {

    public static LedgerTotals read(Connection c) throws SQLException {
        Map<String, Long> balances = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT currency, SUM(balance_minor) AS total FROM account GROUP BY currency ORDER BY currency""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                balances.put(rs.getString("currency").trim(), rs.getLong("total"));
            }
        }
        Map<TransferStatus, Long> transfers = new LinkedHashMap<>();
        for (TransferStatus status : TransferStatus.values()) {
            transfers.put(status, 0L);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) AS n FROM transfer GROUP BY status");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                transfers.put(TransferStatus.valueOf(rs.getString("status").trim()), rs.getLong("n"));
            }
        }
        return new LedgerTotals(balances, transfers);
    }

    /**
     * {@code {"totals":{"EUR":…},"transfers":{"QUEUED":…,…}}}, in the order of the maps, written by JSON-P so
     * that whatever a key holds comes out escaped.
     */
    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("totals", object(balances))
                .add("transfers", object(transfers))
                .build();
    }

    private static JsonObjectBuilder object(Map<?, Long> values) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        values.forEach((key, value) -> object.add(String.valueOf(key), value));
        return object;
    }
}
