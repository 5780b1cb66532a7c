package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An XA submission whose broker connection fails, injected with Byteman into the running server: the broker's
 * XA start of the submission's session fails with XAER_RMFAIL, as it did in a CI run for a pooled connection to
 * a broker that had just died (the Artemis client's AMQ219016). Failing once, the submission is made again in a
 * new transaction and accepted; failing every time, it answers 503 and has written nothing.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrokerUnavailableIT {

    private static final Duration DONE = Duration.ofSeconds(60);

    /** Fails the XA start of a session enlisted by an XA submission, and no other (the XA consumers' among them). */
    private static final String XA_START_FAILS = """
            RULE the XA start of a submission's session fails
            CLASS org.apache.activemq.artemis.core.client.impl.ClientSessionImpl
            METHOD start(javax.transaction.xa.Xid, int)
            AT ENTRY
            IF callerMatches(".*XaTransferSubmission.submit", true, true, 200) %s
            DO throw new javax.transaction.xa.XAException(javax.transaction.xa.XAException.XAER_RMFAIL)
            ENDRULE
            """;

    private final LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort());

    @Deployment(testable = false)
    static EnterpriseArchive ledgerline() {
        return Deployments.ledgerline();
    }

    @Test
    void aSubmissionWhoseBrokerConnectionFailsOnceIsMadeAgainAndAccepted() throws Exception {
        Map<String, Long> before = api.balances();
        String once = "AND flag(\"xa-start-fails-once-" + UUID.randomUUID() + "\")";
        LedgerApiClient.Reply reply;
        try (var injected = BytemanRules.install("xa-start-fails-once", XA_START_FAILS.formatted(once))) {
            reply = api.submit("xa", "ACC-006", "ACC-007", "2.50", "EUR", "broker-once-" + UUID.randomUUID());
        }

        assertCompletedAlone(reply, before, 250);
    }

    @Test
    void aSubmissionWhoseBrokerKeepsFailingAnswers503AndRecordsNothing() throws Exception {
        Map<String, Long> before = api.balances();
        String key = "broker-down-" + UUID.randomUUID();
        LedgerApiClient.Reply refused;
        try (var injected = BytemanRules.install("xa-start-fails", XA_START_FAILS.formatted(""))) {
            refused = api.submit("xa", "ACC-006", "ACC-007", "3.25", "EUR", key);
        }

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.retryAfter()).isEqualTo("2");
        assertThat(refused.json().getString("title")).isEqualTo("Broker unavailable");
        assertThat(refused.json().getString("detail")).contains("nothing was recorded").contains("same idempotencyKey");
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("AMQ");

        // Nothing was written: the same request, once the broker takes messages, creates the transfer (202)
        // rather than finding one (200), and it is the only money that moves.
        assertCompletedAlone(api.submit("xa", "ACC-006", "ACC-007", "3.25", "EUR", key), before, 325);
    }

    /**
     * The reply created a transfer (202), which completed, and it is the only money that moved between ACC-006
     * and ACC-007 since {@code before}; the ledger's invariants hold.
     */
    private void assertCompletedAlone(LedgerApiClient.Reply reply, Map<String, Long> before, long amountMinor) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        UUID id = UUID.fromString(reply.json().getString("id"));
        assertThat(api.awaitFinal(id, DONE).getString("status")).isEqualTo("COMPLETED");
        Map<String, Long> after = api.balances();
        assertThat(after.get("ACC-006")).isEqualTo(before.get("ACC-006") - amountMinor);
        assertThat(after.get("ACC-007")).isEqualTo(before.get("ACC-007") + amountMinor);
        api.assertInvariantsHold(Duration.ofSeconds(5));
    }
}
