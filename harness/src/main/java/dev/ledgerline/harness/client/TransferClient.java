package dev.ledgerline.harness.client;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.domain.TransferStatus;

/**
 * A client of Liberty's REST API for the drills and the benchmark. Every call either answers or says it could
 * not reach the server: a drill talks to a server that is dead part of the time.
 */
public final class TransferClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI api;
    private final ApiLogin login;

    /** A client that logs in as {@link ApiLogin#fromEnvironment()}. */
    public TransferClient(int httpPort) {
        this(httpPort, ApiLogin.fromEnvironment());
    }

    public TransferClient(int httpPort, ApiLogin login) {
        this.api = URI.create("http://127.0.0.1:" + httpPort + "/api/");
        this.login = login;
    }

    /** What came of one submission. */
    public sealed interface Submitted {
        /** 202 or 200: the server holds the transfer (200: it already did, under this key). */
        record Accepted(UUID id) implements Submitted {
        }

        /** A 4xx: the request itself was refused; retrying it cannot help. */
        record Refused(int status, String body) implements Submitted {
        }

        /** No answer, or a 5xx: the outcome is unknown, and the request must be retried with the same key. */
        record Unknown(String why) implements Submitted {
        }
    }

    public Submitted submit(TransferMode mode, String from, String to, String amount, String currency, String key) {
        String body = Json.createObjectBuilder().add("mode", mode.wireName()).add("fromAccount", from).add("toAccount", to)
                .add("amount", amount).add("currency", currency).add("idempotencyKey", key).build().toString();
        try {
            HttpResponse<String> r = http.send(request("transfers").timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 || r.statusCode() == 202) {
                return new Submitted.Accepted(UUID.fromString(json(r.body()).getString("id")));
            }
            if (r.statusCode() >= 400 && r.statusCode() < 500) {
                return new Submitted.Refused(r.statusCode(), r.body());
            }
            return new Submitted.Unknown("HTTP " + r.statusCode());
        } catch (IOException e) {
            return new Submitted.Unknown(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Submitted.Unknown("interrupted");
        }
    }

    /** The transfer's status, or empty if the server cannot be reached. */
    public Optional<TransferStatus> status(UUID id) {
        return get("transfers/" + id).map(o -> TransferStatus.valueOf(o.getString("status")));
    }

    /** Whether the transfer is known to be final: false while it is queued or the server cannot be reached. */
    public boolean isFinal(UUID id) {
        return status(id).map(TransferStatus::isFinal).orElse(false);
    }

    /** The sum of balances per currency, in minor units, or empty if the server cannot be reached. */
    public Optional<Map<String, Long>> totals() {
        return getArray("accounts").map(accounts -> {
            Map<String, Long> totals = new TreeMap<>();
            for (JsonValue v : accounts) {
                JsonObject a = v.asJsonObject();
                String currency = a.getString("currency");
                // The API speaks decimal strings in major units; the harness counts minor units, exactly.
                long minor = new BigDecimal(a.getString("balance"))
                        .movePointRight(Currency.getInstance(currency).getDefaultFractionDigits())
                        .longValueExact();
                totals.merge(currency, minor, Long::sum);
            }
            return totals;
        });
    }

    /**
     * How many transfers the database holds still QUEUED, read through the checker's {@code none-lost}
     * invariant with no settle time; empty if the server cannot be reached.
     */
    public Optional<Long> unfinishedTransfers() {
        return get("invariants?settleSeconds=0").flatMap(report -> report.getJsonArray("results").stream()
                .map(JsonValue::asJsonObject)
                .filter(r -> r.getString("name").equals("none-lost"))
                .map(r -> r.getJsonNumber("violations").longValue())
                .findFirst());
    }

    public boolean isUp() {
        return getArray("accounts").isPresent();
    }

    private Optional<JsonObject> get(String path) {
        return fetch(path).map(TransferClient::json);
    }

    private Optional<JsonArray> getArray(String path) {
        return fetch(path).map(body -> {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readArray();
            }
        });
    }

    private Optional<String> fetch(String path) {
        try {
            HttpResponse<String> r = http.send(request(path).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                // Not an outage to wait out: every later request would be refused the same way.
                throw new IllegalStateException("the server refused " + login + " (HTTP " + r.statusCode()
                        + " on " + path + "); set " + ApiLogin.USER_VARIABLE + " and " + ApiLogin.PASSWORD_VARIABLE);
            }
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path)).header("Authorization", login.authorization());
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
