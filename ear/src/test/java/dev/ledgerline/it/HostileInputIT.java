package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Over a thousand requests no client should send, generated across every endpoint: malformed, truncated and
 * deeply nested bodies, every field of a transfer with every wrong value (wrong JSON types, amounts that
 * overflow or are negative, zero, non-decimal or over-precise, unknown and identical accounts, text with
 * SQL, script, control and bidirectional characters), wrong and malformed content types and accept headers,
 * bad query values, methods an endpoint does not take, and encoded path tricks. Each must get a 4xx problem
 * document with no internals in it, and afterwards nothing may have changed: no transfer, no balance, every
 * invariant holds.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileInputIT {

    /** What a body must never show: a stack trace, an exception's class, a framework's or container's code. */
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", "at java.", "at dev.ledgerline",
            "RESTEASY", "CWWWC", "SRVE", "<html", "<HTML", "org.eclipse", "com.ibm");

    private static final String VALID = """
            {"fromAccount":"ACC-001","toAccount":"ACC-002","amount":"1.00","currency":"EUR","idempotencyKey":"hostile"}""";

    private final LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort());

    @Deployment(testable = false)
    static EnterpriseArchive ledgerline() {
        return Deployments.ledgerline();
    }

    /** One request no client should send, and what it is, for the failure message. */
    private record Hostile(String what, Function<LedgerApiClient, LedgerApiClient.Reply> send) {
    }

    @Test
    void hostileRequestsAreRefusedWithAProblemAndChangeNothing() {
        Map<String, Long> balances = api.balances();
        String transfers = api.get("transfers?limit=200").body();
        List<Hostile> requests = hostileRequests();
        assertThat(requests.size()).isGreaterThanOrEqualTo(1_000);

        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Hostile hostile : requests) {
            LedgerApiClient.Reply reply = hostile.send().apply(api);
            byStatus.merge(reply.status(), 1, Integer::sum);
            String problem = whatIsWrong(reply);
            if (problem != null) {
                failures.add(hostile.what() + " -> " + reply.status() + " " + reply.contentType() + ": " + problem
                        + " " + abbreviate(reply.body()));
            }
        }
        System.out.println("HostileInputIT: " + requests.size() + " requests, by status " + byStatus);

        assertThat(failures).as("requests answered wrongly, of " + requests.size()).isEmpty();
        assertThat(api.get("transfers?limit=200").body()).as("no transfer created or changed").isEqualTo(transfers);
        assertThat(api.balances()).as("no balance changed").isEqualTo(balances);
        api.assertInvariantsHold(Duration.ofSeconds(60));
    }

    /**
     * A header over Liberty's limit (32 KiB, {@code httpOptions limitFieldSize}) is refused by the HTTP channel
     * before any application code runs: 400, no body, connection closed. That answer cannot be a problem
     * document (docs/known-issues.md), but it must stay a 400 that says nothing and changes nothing. Over
     * HTTP/1.1, as curl sends it: on an HTTP/2 connection the channel answers with GOAWAY instead.
     */
    @Test
    void headersOverTheChannelsLimitAreRefusedBeforeTheApplication() throws Exception {
        Map<String, Long> balances = api.balances();
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI api11 = URI.create("http://127.0.0.1:" + IntegrationSettings.httpPort() + "/api/");
        int refused = 0;
        for (int kib : List.of(40, 64, 256)) {
            String filler = "x".repeat(kib * 1024);
            for (HttpRequest request : List.of(
                    HttpRequest.newBuilder(api11.resolve("accounts")).header("Authorization", DemoUser.ADAM.authorization())
                            .header("X-Filler", filler).GET().build(),
                    HttpRequest.newBuilder(api11.resolve("transfers")).header("Authorization", DemoUser.ADAM.authorization())
                            .header("Content-Type", "application/json;x=" + filler)
                            .POST(HttpRequest.BodyPublishers.ofString(VALID)).build())) {
                HttpResponse<String> reply = http11.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(reply.statusCode()).as(kib + " KiB header on " + request.uri()).isEqualTo(400);
                assertThat(reply.body()).as("the channel's refusal says nothing").isEmpty();
                refused++;
            }
        }
        System.out.println("HostileInputIT: " + refused + " requests with oversized headers, all 400 from the HTTP channel");
        assertThat(api.balances()).isEqualTo(balances);
    }

    /** Null if the reply is what a hostile request should get, else what is wrong with it. */
    private static String whatIsWrong(LedgerApiClient.Reply reply) {
        if (reply.status() < 400 || reply.status() > 499) {
            return "not a 4xx";
        }
        if (reply.contentType() == null || !reply.contentType().startsWith("application/problem+json")) {
            return "not a problem document";
        }
        if (reply.json().getInt("status") != reply.status()) {
            return "the document's status differs";
        }
        for (String internal : INTERNALS) {
            if (reply.body().contains(internal)) {
                return "shows internals (" + internal + ")";
            }
        }
        return null;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    static List<Hostile> hostileRequests() {
        List<Hostile> requests = new ArrayList<>();
        badFieldValues(requests);
        badBodies(requests);
        badContentTypes(requests);
        badAcceptHeaders(requests);
        badQueries(requests);
        wrongMethods(requests);
        pathTricks(requests);
        badCredentials(requests);
        othersAccounts(requests);
        return requests;
    }

    /** No login, a wrong one, and Authorization headers that are no login at all: 401 on every endpoint. */
    private static void badCredentials(List<Hostile> requests) {
        List<String> authorizations = new ArrayList<>(List.of("Basic", "Basic ", "Basic !!!", "Basic =", "Bearer abc",
                "Digest username=\"adam\"", "Negotiate YII=", "Basic " + "A".repeat(4096)));
        for (String credentials : List.of("adam", "adam:wrong", "nobody:adam-demo", ":", "adam:", ":adam-demo",
                "adam:adam-demo\u0000", "adam\u202e:adam-demo", "' OR 1=1 --:x", "<script>:x")) {
            authorizations.add("Basic " + java.util.Base64.getEncoder().encodeToString(
                    credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        List<String> paths = List.of("accounts", "accounts/ACC-001", "transfers", "transfers/00000000-0000-0000-0000-000000000000",
                "settings", "invariants", "backlog", "statistics", "reports/drills");
        LedgerApiClient anonymous = new LedgerApiClient(IntegrationSettings.httpPort(), null);
        for (String path : paths) {
            requests.add(new Hostile("GET " + path + " without a login", a -> anonymous.get(path)));
            for (String authorization : authorizations) {
                requests.add(new Hostile("GET " + path + " Authorization " + abbreviate(authorization),
                        a -> a.request("GET", path, null, "Authorization", authorization)));
            }
        }
        requests.add(new Hostile("POST transfers without a login",
                a -> anonymous.request("POST", "transfers", VALID, "Content-Type", "application/json")));
        for (String authorization : authorizations) {
            requests.add(new Hostile("POST transfers Authorization " + abbreviate(authorization),
                    a -> a.request("POST", "transfers", VALID, "Content-Type", "application/json", "Authorization", authorization)));
        }
    }

    /** A customer reaching for another's accounts, and an auditor trying to move money: 403 or 404. */
    private static void othersAccounts(List<Hostile> requests) {
        LedgerApiClient ada = new LedgerApiClient(IntegrationSettings.httpPort(), DemoUser.ADA);
        LedgerApiClient audrey = new LedgerApiClient(IntegrationSettings.httpPort(), DemoUser.AUDREY);
        for (int n = 2; n <= 12; n++) {
            String account = String.format("ACC-%03d", n);
            String debit = withField("fromAccount", "\"" + account + "\"").replace("\"toAccount\":\"ACC-002\"",
                    "\"toAccount\":\"ACC-001\"");
            requests.add(new Hostile("ada debits " + account,
                    a -> ada.request("POST", "transfers", debit, "Content-Type", "application/json")));
            requests.add(new Hostile("ada reads " + account, a -> ada.get("accounts/" + account)));
        }
        for (String path : List.of("invariants", "backlog", "statistics", "reports/drills", "reports/bench")) {
            requests.add(new Hostile("ada reads " + path, a -> ada.get(path)));
        }
        requests.add(new Hostile("audrey submits", a -> audrey.request("POST", "transfers", VALID, "Content-Type", "application/json")));
    }

    private static Hostile post(String what, String contentType, String body) {
        return new Hostile(what, a -> a.request("POST", "transfers", body, "Content-Type", contentType));
    }

    private static Hostile get(String path) {
        return new Hostile("GET " + path, a -> a.get(path));
    }
}
