package dev.ledgerline.harness.client;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

import dev.ledgerline.ledger.domain.TransferStatus;

/** Reads the worker's {@code GET /ledger/totals}: money per currency and transfers per status. */
public final class WorkerStatusClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI totals;

    public WorkerStatusClient(int port) {
        this.totals = URI.create("http://127.0.0.1:" + port + "/ledger/totals");
    }

    /** Money per currency in minor units, or empty if the worker cannot be reached. */
    public Optional<Map<String, Long>> money() {
        return read().map(o -> numbers(o.getJsonObject("totals")));
    }

    /** Transfers per status, or empty if the worker cannot be reached. */
    public Optional<Map<TransferStatus, Long>> transfersByStatus() {
        return read().map(o -> {
            Map<TransferStatus, Long> byStatus = new EnumMap<>(TransferStatus.class);
            numbers(o.getJsonObject("transfers"))
                    .forEach((status, n) -> byStatus.put(TransferStatus.valueOf(status), n));
            return byStatus;
        });
    }

    /** How many transfers are still queued, or empty if the worker cannot be reached. */
    public Optional<Long> queued() {
        return transfersByStatus().map(t -> t.getOrDefault(TransferStatus.QUEUED, 0L));
    }

    private Optional<JsonObject> read() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(totals).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            try (var reader = Json.createReader(new StringReader(r.body()))) {
                return Optional.of(reader.readObject());
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Map<String, Long> numbers(JsonObject o) {
        Map<String, Long> map = new TreeMap<>();
        if (o != null) {
            o.forEach((k, v) -> map.put(k, ((JsonNumber) v).longValue()));
        }
        return map;
    }
}
