package dev.ledgerline.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.domain.TransferStatus;

/** The status endpoint's answers are JSON whatever the names in them hold: each is parsed back here. */
class StatusJsonTest {

    /** A quote and a backslash: the two characters that break JSON written by string concatenation. */
    private static final String AWKWARD = "node \"7\" at C:\\ledger";

    @Test
    void healthWithAQuoteAndABackslashInTheNodeIdParsesBackToTheSameId() {
        JsonObject parsed = parse(StatusServer.health(true, AWKWARD).toString());

        assertThat(parsed.getString("status")).isEqualTo("UP");
        assertThat(parsed.getString("node")).isEqualTo(AWKWARD);
    }

    @Test
    void totalsWithAQuoteAndABackslashInAKeyParseBackToTheSameKeysAndValues() {
        Map<String, Long> balances = new LinkedHashMap<>();
        balances.put("EUR", 1_000_000L);
        balances.put(AWKWARD, -5L);
        Map<TransferStatus, Long> transfers = new LinkedHashMap<>();
        transfers.put(TransferStatus.QUEUED, 0L);
        transfers.put(TransferStatus.COMPLETED, 42L);

        String json = new LedgerTotals(balances, transfers).toJson().toString();
        JsonObject parsed = parse(json);

        assertThat(parsed.getJsonObject("totals").getJsonNumber("EUR").longValueExact()).isEqualTo(1_000_000L);
        assertThat(parsed.getJsonObject("totals").getJsonNumber(AWKWARD).longValueExact()).isEqualTo(-5L);
        assertThat(parsed.getJsonObject("transfers").getJsonNumber("COMPLETED").longValueExact()).isEqualTo(42L);
        // The drills and the worker's ITs read the compact form, statuses in their declared order.
        assertThat(json).contains("\"transfers\":{\"QUEUED\":0,\"COMPLETED\":42}");
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
