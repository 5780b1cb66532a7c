package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of bad request is answered with a 4xx problem document that names the field at fault, and
 * writes nothing: no transfer, no message, no balance change.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadInputIT {

    private final LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort());

    @Deployment(testable = false)
    static EnterpriseArchive ledgerline() {
        return Deployments.ledgerline();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown source account     | 422 | fromAccount    | {"fromAccount":"ACC-404","toAccount":"ACC-002","amount":"1.00","currency":"EUR","idempotencyKey":"bad-1"}
            unknown target account     | 422 | toAccount      | {"fromAccount":"ACC-001","toAccount":"ACC-404","amount":"1.00","currency":"EUR","idempotencyKey":"bad-2"}
            the same account twice     | 400 | toAccount      | {"fromAccount":"ACC-001","toAccount":"ACC-001","amount":"1.00","currency":"EUR","idempotencyKey":"bad-3"}
            amount zero                | 400 | amount         | {"fromAccount":"ACC-001","toAccount":"ACC-002","amount":"0.00","currency":"EUR","idempotencyKey":"bad-4"}
            negative amount            | 400 | amount         | {"fromAccount":"ACC-001","toAccount":"ACC-002","amount":"-1.00","currency":"EUR","idempotencyKey":"bad-5"}
            too many decimals          | 400 | amount         | {"fromAccount":"ACC-001","toAccount":"ACC-002","amount":"1.001","currency":"EUR","idempotencyKey":"bad-6"}
            over the maximum           | 400 | amount         | {"fromAccount":"ACC-001","toAccount":"ACC-002","amount":"1000000.01","currency":"EUR","idempotencyKey":"bad-7"}
            amount as a boolean        | 400 | amount         | {"fromAccount":"ACC-001","toAccount":"ACC-002","amount":true,"currency":"EUR","idempotencyKey":"bad-8"}
            unknown currency           | 400 | currency       | {"fromAccount":"ACC-001","toAccount":"ACC-002","amount":"1.00","currency":"ZZZ","idempotencyKey":"bad-9"}
            mismatched currency        | 422 | currency       | {"fromAccount":"ACC-001","toAccount":"ACC-002","amount":"1.00","currency":"USD","idempotencyKey":"bad-10"}
            missing amount             | 400 | amount         | {"fromAccount":"ACC-001","toAccount":"ACC-002","currency":"EUR","idempotencyKey":"bad-11"}
            missing idempotency key    | 400 | idempotencyKey | {"fromAccount":"ACC-001","toAccount":"ACC-002","amount":"1.00","currency":"EUR"}
            unknown mode               | 400 | mode           | {"fromAccount":"ACC-001","toAccount":"ACC-002","amount":"1.00","currency":"EUR","idempotencyKey":"bad-12","mode":"2pc"}
            unsafe mode, not enabled   | 422 | mode           | {"fromAccount":"ACC-001","toAccount":"ACC-002","amount":"1.00","currency":"EUR","idempotencyKey":"bad-13","mode":"at-most-once"}
            naive mode, not enabled    | 422 | mode           | {"fromAccount":"ACC-001","toAccount":"ACC-002","amount":"1.00","currency":"EUR","idempotencyKey":"bad-14","mode":"at-least-once-naive"}
            malformed JSON             | 400 | body           | {"fromAccount":"ACC-001",
            not an object              | 400 | body           | ["ACC-001","ACC-002"]
            """)
    void aBadRequestIsRefusedWithAProblemNamingTheFieldAndChangesNothing(String scenario, int status, String field,
                                                                        String body) {
        Map<String, Long> balances = api.balances();
        String newest = newestTransfer();

        var reply = api.post("transfers", "application/json", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("field")).isEqualTo(field);
        assertThat(reply.json().getInt("status")).isEqualTo(status);
        assertThat(reply.json().getString("detail")).isNotBlank();
        assertThat(newestTransfer()).isEqualTo(newest);
        assertThat(api.balances()).isEqualTo(balances);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsParsed() {
        String body = "{\"fromAccount\":\"" + "A".repeat(20_000) + "\"}";

        var reply = api.post("transfers", "application/json", body);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("field")).isEqualTo("body");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedByItsContentType() {
        var reply = api.post("transfers", "text/plain", "move 10 EUR please");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.json().getString("field")).isEqualTo("Content-Type");
    }

    @Test
    void aDeeplyNestedBodyIsRefusedBeforeTheParserRecursesIntoIt() {
        // Well under the size limit, and deeper than the JSON parser's own limit of 1,000 levels.
        String body = "[".repeat(8_000) + "]".repeat(8_000);
        Map<String, Long> balances = api.balances();

        var reply = api.post("transfers", "application/json", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("field")).isEqualTo("body");
        assertThat(api.balances()).isEqualTo(balances);
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"/", ";;;", "application", "application/"})
    void aMalformedContentTypeIsAProblemNamingTheHeader(String contentType) {
        String newest = newestTransfer();

        var reply = api.post("transfers", contentType,
                "{\"fromAccount\":\"ACC-001\",\"toAccount\":\"ACC-002\",\"amount\":\"1.00\",\"currency\":\"EUR\","
                        + "\"idempotencyKey\":\"bad-content-type\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("field")).isEqualTo("Content-Type");
        assertThat(newestTransfer()).isEqualTo(newest);
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"/", ";;;", "application/json, /"})
    void aMalformedAcceptIsAProblemNamingTheHeader(String accept) {
        var reply = api.get("accounts", accept);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("field")).isEqualTo("Accept");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"transfers/..%2F..%2Fx", "transfers/%2e%2e/%2e%2e/etc", "no-such-resource"})
    void whatTheContainerRefusesIsAProblemDocumentToo(String path) {
        var reply = api.get(path);

        assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getInt("status")).isEqualTo(reply.status());
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("<html").doesNotContain("CWWWC");
    }

    @Test
    void anUnknownTransferOrAccountIsAProblemToo() {
        assertThat(api.get("transfers/not-a-uuid").status()).isEqualTo(400);
        assertThat(api.get("transfers/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
        var account = api.get("accounts/ACC-404");
        assertThat(account.status()).isEqualTo(404);
        assertThat(account.contentType()).startsWith("application/problem+json");
    }

    /** The newest transfer's id, or "" when there is none: a new transfer would change it. */
    private String newestTransfer() {
        var newest = api.get("transfers?limit=1").jsonArrayOrObject().asJsonArray();
        return newest.isEmpty() ? "" : newest.getJsonObject(0).getString("id");
    }
}
