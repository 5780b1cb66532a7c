package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.json.Json;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint of the API against every role, and against no login and a wrong password: who gets an
 * answer, who gets 403, who gets 401, and what a customer is shown of another's accounts (404, as if it did
 * not exist). Then the web UI's cookie login and its protection against cross-site request forgery.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthorizationIT {

    private static final Set<DemoUser> EVERYONE = EnumSet.allOf(DemoUser.class);
    private static final Set<DemoUser> SEE_EVERYTHING = EnumSet.of(DemoUser.OLIVIA, DemoUser.AUDREY, DemoUser.ADAM);

    private final LedgerApiClient admin = new LedgerApiClient(IntegrationSettings.httpPort());

    @Deployment(testable = false)
    static EnterpriseArchive ledgerline() {
        return Deployments.ledgerline();
    }

    /** One request, and the users who may make it; the others get {@code refusal}. */
    private record Rule(String method, String path, Function<DemoUser, String> body, Set<DemoUser> allowed, int refusal) {
        String describe() {
            return method + " /api/" + path;
        }
    }

    @Test
    void everyEndpointAnswersEachRoleAsDocumented() {
        UUID othersTransfer = admin.submitAccepted("xa", "ACC-003", "ACC-004", "0.01", "EUR");
        UUID adasTransfer = admin.submitAccepted("xa", "ACC-001", "ACC-005", "0.01", "EUR");
        admin.awaitFinal(othersTransfer, Duration.ofSeconds(30));
        admin.awaitFinal(adasTransfer, Duration.ofSeconds(30));

        List<Rule> rules = List.of(
                get("accounts", EVERYONE, 403),
                get("accounts/ACC-001", EnumSet.of(DemoUser.ADA, DemoUser.OLIVIA, DemoUser.AUDREY, DemoUser.ADAM), 404),
                get("accounts/ACC-002", EnumSet.of(DemoUser.ALAN, DemoUser.OLIVIA, DemoUser.AUDREY, DemoUser.ADAM), 404),
                get("accounts/ACC-003", SEE_EVERYTHING, 404),
                get("transfers", EVERYONE, 403),
                get("transfers/" + adasTransfer, EnumSet.of(DemoUser.ADA, DemoUser.OLIVIA, DemoUser.AUDREY, DemoUser.ADAM), 404),
                get("transfers/" + othersTransfer, SEE_EVERYTHING, 404),
                get("settings", EVERYONE, 403),
                get("invariants?settleSeconds=0", SEE_EVERYTHING, 403),
                get("backlog", SEE_EVERYTHING, 403),
                get("dead-letters", SEE_EVERYTHING, 403),
                get("statistics", SEE_EVERYTHING, 403),
                get("reports/drills", SEE_EVERYTHING, 403),
                get("reports/bench", SEE_EVERYTHING, 403),
                submit("ACC-001", EnumSet.of(DemoUser.ADA, DemoUser.OLIVIA, DemoUser.ADAM)),
                submit("ACC-002", EnumSet.of(DemoUser.ALAN, DemoUser.OLIVIA, DemoUser.ADAM)),
                submit("ACC-003", EnumSet.of(DemoUser.OLIVIA, DemoUser.ADAM)));

        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Rule rule : rules) {
            for (DemoUser user : DemoUser.values()) {
                int status = send(new LedgerApiClient(IntegrationSettings.httpPort(), user), rule, user).status();
                boolean allowed = rule.allowed().contains(user);
                // An allowed read of a report may find no report yet (404 with its reason); that is an answer.
                boolean ok = allowed ? status >= 200 && status < 300 || rule.path().startsWith("reports/") && status == 404
                        : status == rule.refusal();
                if (!ok) {
                    wrong.add(rule.describe() + " as " + user.login() + ": " + status);
                }
                checked++;
            }
            int anonymous = send(new LedgerApiClient(IntegrationSettings.httpPort(), null), rule, DemoUser.ADAM).status();
            int badPassword = admin.request(rule.method(), rule.path(), rule.body().apply(DemoUser.ADAM),
                    "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("adam:not-the-password".getBytes()),
                    "Content-Type", "application/json").status();
            if (anonymous != 401 || badPassword != 401) {
                wrong.add(rule.describe() + ": no login " + anonymous + ", wrong password " + badPassword);
            }
            checked += 2;
        }
        System.out.println("AuthorizationIT: " + checked + " requests, " + rules.size() + " endpoints x "
                + (DemoUser.values().length + 2) + " callers");
        assertThat(wrong).as("answers that contradict the roles").isEmpty();
    }

    @Test
    void aCustomerListsOnlyTransfersTouchingTheirAccounts() {
        admin.awaitFinal(admin.submitAccepted("idempotent", "ACC-006", "ACC-007", "0.01", "EUR"), Duration.ofSeconds(30));
        admin.awaitFinal(admin.submitAccepted("idempotent", "ACC-008", "ACC-001", "0.01", "EUR"), Duration.ofSeconds(30));

        var listed = new LedgerApiClient(IntegrationSettings.httpPort(), DemoUser.ADA).get("transfers?limit=500")
                .jsonArrayOrObject().asJsonArray();

        assertThat(listed).isNotEmpty();
        assertThat(listed).allSatisfy(t -> assertThat(List.of(t.asJsonObject().getString("fromAccount"),
                t.asJsonObject().getString("toAccount"))).contains("ACC-001"));
    }

    @Test
    void theProblemDocumentOf401And403SaysWhatToDo() {
        var anonymous = new LedgerApiClient(IntegrationSettings.httpPort(), null).get("accounts");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.json().getString("detail")).contains("login");

        var customer = new LedgerApiClient(IntegrationSettings.httpPort(), DemoUser.ALAN).get("invariants");
        assertThat(customer.status()).isEqualTo(403);
        assertThat(customer.contentType()).startsWith("application/problem+json");

        var foreignDebit = new LedgerApiClient(IntegrationSettings.httpPort(), DemoUser.ALAN)
                .submit("xa", "ACC-001", "ACC-002", "1.00", "EUR", "authz-" + UUID.randomUUID());
        assertThat(foreignDebit.status()).isEqualTo(403);
        assertThat(foreignDebit.json().getString("field")).isEqualTo("fromAccount");
    }

    @Test
    void theCookieLoginNeedsTheSessionTokenForEveryChangeAndRefusesOtherOrigins() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .sslContext(ServerCertificate.trustedByTests()).connectTimeout(Duration.ofSeconds(5)).build();
        URI api = URI.create("https://localhost:" + IntegrationSettings.httpsPort() + "/api/");

        var refused = post(browser, api.resolve("session"), "{\"username\":\"ada\",\"password\":\"wrong\"}");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).get().asString().doesNotStartWith("Basic");

        var login = post(browser, api.resolve("session"), "{\"username\":\"ada\",\"password\":\"ada-demo\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c ->
                assertThat(c).startsWith("LtpaToken2=").contains("Secure").contains("HttpOnly").contains("SameSite=Strict"));
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isPresent();
        String token;
        try (var reader = Json.createReader(new java.io.StringReader(login.body()))) {
            token = reader.readObject().getString("csrfToken");
        }
        String transfer = "{\"mode\":\"xa\",\"fromAccount\":\"ACC-001\",\"toAccount\":\"ACC-002\",\"amount\":\"0.01\","
                + "\"currency\":\"EUR\",\"idempotencyKey\":\"csrf-" + UUID.randomUUID() + "\"}";

        assertThat(post(browser, api.resolve("transfers"), transfer).statusCode()).as("no token").isEqualTo(403);
        assertThat(post(browser, api.resolve("transfers"), transfer, "X-CSRF-Token", "forged").statusCode())
                .as("a wrong token").isEqualTo(403);
        assertThat(post(browser, api.resolve("transfers"), transfer, "X-CSRF-Token", token, "Origin", "https://evil.example")
                .statusCode()).as("another origin").isEqualTo(403);
        // As a browser sends it: its own origin, over HTTP/2, which has no Host header to compare with.
        assertThat(post(browser, api.resolve("transfers"), transfer, "X-CSRF-Token", token,
                "Origin", "https://localhost:" + IntegrationSettings.httpsPort()).statusCode())
                .as("the session's token, from this origin").isEqualTo(202);
    }

    private static HttpResponse<String> post(HttpClient client, URI uri, String body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Rule get(String path, Set<DemoUser> allowed, int refusal) {
        return new Rule("GET", path, user -> null, allowed, refusal);
    }

    /** A cent from {@code from} to ACC-009, under a fresh key for each caller. */
    private static Rule submit(String from, Set<DemoUser> allowed) {
        return new Rule("POST", "transfers", user -> Json.createObjectBuilder().add("mode", "xa")
                .add("fromAccount", from).add("toAccount", "ACC-009").add("amount", "0.01").add("currency", "EUR")
                .add("idempotencyKey", "authz-" + user.login() + "-" + UUID.randomUUID()).build().toString(), allowed, 403);
    }

    private static LedgerApiClient.Reply send(LedgerApiClient client, Rule rule, DemoUser user) {
        String body = rule.body().apply(user);
        return body == null ? client.request(rule.method(), rule.path(), null)
                : client.request(rule.method(), rule.path(), body, "Content-Type", "application/json");
    }
}
