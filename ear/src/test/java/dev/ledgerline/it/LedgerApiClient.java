package dev.ledgerline.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/**
 * The REST API as a client sees it: plain HTTP and JSON, nothing shared with the server's code, logged in
 * with HTTP Basic as one of the demo users (or as nobody).
 */
public final class LedgerApiClient {

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    /** As the demo admin: the tests drive every endpoint and, where enabled, the unsafe modes. */
    public LedgerApiClient(int httpPort) {
        this(httpPort, DemoUser.ADAM);
    }

    /** @param user who to log in as, or null for no login at all */
    public LedgerApiClient(int httpPort, DemoUser user) {
        this(URI.create("http://127.0.0.1:" + httpPort + "/api/"), user,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    private LedgerApiClient(URI base, DemoUser user, HttpClient http) {
        this.base = base;
        this.authorization = user == null ? null : user.authorization();
        this.http = http;
    }

    /** Over HTTPS to the server's port 9443 counterpart, trusting only the server's own certificate. */
    public static LedgerApiClient overHttps(int httpsPort, DemoUser user) {
        return new LedgerApiClient(URI.create("https://localhost:" + httpsPort + "/api/"), user,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                        .sslContext(ServerCertificate.trustedByTests()).build());
    }

    /** A response: status, headers and the body parsed as JSON (or null when it is not JSON). */
    public record Reply(int status, String contentType, String location, String retryAfter, String body) {
        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public JsonStructure jsonArrayOrObject() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Reply get(String path, String accept) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept).GET());
    }

    /**
     * Any method, any headers (name, value pairs), any body or none: for requests no client should send. An
     * {@code Authorization} among the headers replaces the client's own login.
     */
    public Reply request(String method, String path, String body, String... headers) {
        var request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        authorize(request);
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Authorization")) {
                request.setHeader(headers[i], headers[i + 1]);
            } else {
                request.header(headers[i], headers[i + 1]);
            }
        }
        return sendAsIs(request);
    }

    public Reply post(String path, String contentType, String body) {
        var request = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** Submits in the server's default mode. */
    public Reply submit(String from, String to, String amount, String currency, String idempotencyKey) {
        return submit(null, from, to, amount, currency, idempotencyKey);
    }

    /** @param mode {@code xa}, {@code idempotent}, or null for the server's default */
    public Reply submit(String mode, String from, String to, String amount, String currency, String idempotencyKey) {
        var body = Json.createObjectBuilder()
                .add("fromAccount", from).add("toAccount", to).add("amount", amount)
                .add("currency", currency).add("idempotencyKey", idempotencyKey);
        if (mode != null) {
            body.add("mode", mode);
        }
        return post("transfers", "application/json", body.build().toString());
    }

    /** Submits a transfer in the server's default mode that must be accepted, and returns its id. */
    public UUID submitAccepted(String from, String to, String amount, String currency) {
        return submitAccepted(null, from, to, amount, currency);
    }

    /** Submits a transfer that must be accepted, and returns its id. */
    public UUID submitAccepted(String mode, String from, String to, String amount, String currency) {
        return accepted(submit(mode, from, to, amount, currency, "it-" + UUID.randomUUID()));
    }

    /**
     * Submits a transfer that must be accepted in the end, as a client should while the broker fails over: a 503
     * (nothing recorded) is answered by the same request again, with the same key, after its Retry-After.
     */
    public UUID submitAcceptedRetryingUnavailable(String mode, String from, String to, String amount, String currency,
                                                  Duration deadline) {
        String key = "it-" + UUID.randomUUID();
        return accepted(await("transfer " + key + " is taken by a broker").atMost(deadline)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2))
                .until(() -> submit(mode, from, to, amount, currency, key), reply -> reply.status() != 503));
    }

    private static UUID accepted(Reply reply) {
        if (reply.status() != 202) {
            throw new AssertionError("expected 202 Accepted, got " + reply.status() + ": " + reply.body());
        }
        return UUID.fromString(reply.json().getString("id"));
    }

    public JsonObject transfer(UUID id) {
        return get("transfers/" + id).json();
    }

    /** Waits (bounded) until the transfer reaches a final status, and returns it. */
    public JsonObject awaitFinal(UUID id, Duration deadline) {
        return await("transfer " + id + " reaches a final status").atMost(deadline).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> transfer(id), t -> !"QUEUED".equals(t.getString("status")));
    }

    /** Balances in minor units, by account id (the demo accounts are all in two-decimal currencies). */
    public Map<String, Long> balances() {
        var accounts = get("accounts").jsonArrayOrObject().asJsonArray();
        var balances = new java.util.TreeMap<String, Long>();
        accounts.forEach(a -> balances.put(a.asJsonObject().getString("id"),
                new java.math.BigDecimal(a.asJsonObject().getString("balance")).movePointRight(2).longValueExact()));
        return balances;
    }

    /** The idempotent mode's counts since the server started: {@code duplicatesSkipped}, {@code versionConflicts}, ... */
    public JsonObject statistics() {
        return get("statistics").json().getJsonObject("modes").getJsonObject("idempotent");
    }

    /** Asserts that every invariant the server checks holds. */
    public void assertInvariantsHold(Duration settleTime) {
        for (var result : invariants(settleTime).getJsonArray("results")) {
            JsonObject r = result.asJsonObject();
            if (!r.getBoolean("holds")) {
                throw new AssertionError("invariant " + r.getString("name") + " broken: " + r.getString("detail"));
            }
        }
    }

    public JsonObject invariants(Duration settleTime) {
        return get("invariants?settleSeconds=" + settleTime.toSeconds()).json();
    }

    /** Whether the API answers at all (the application is deployed and started). */
    public boolean isUp() {
        try {
            return get("accounts").status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private Reply send(HttpRequest.Builder request) {
        authorize(request);
        return sendAsIs(request);
    }

    private void authorize(HttpRequest.Builder request) {
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
    }

    private Reply sendAsIs(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
