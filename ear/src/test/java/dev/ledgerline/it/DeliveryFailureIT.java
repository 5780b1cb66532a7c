package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerInspector;

/**
 * Failures inside the consumer of each design, injected with Byteman into the running server: a failure after the
 * debit rolls everything back and the redelivered message is applied once; a message that always fails
 * ends on the dead-letter queue and its transfer FAILED, while other transfers keep flowing.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeliveryFailureIT {

    /** The broker spends about 45 s redelivering a poison message before it dead-letters it. */
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort());

    @Deployment(testable = false)
    static EnterpriseArchive ledgerline() {
        return Deployments.ledgerline();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xa", "idempotent"})
    void aFailureAfterTheDebitRollsEverythingBackAndTheRedeliveryAppliesItOnce(String mode) throws Exception {
        Map<String, Long> before = api.balances();
        String flag = "fail-after-debit-" + UUID.randomUUID();
        // The first debit of ACC-008 succeeds in the database, then the consumer fails before the credit.
        String rule = """
                RULE fail once after the debit of ACC-008
                CLASS dev.ledgerline.ledger.store.AccountStore
                METHOD updateBalance
                AT EXIT
                IF $2.id().equals("ACC-008") AND $3 < 0 AND flag("%s")
                DO throw new java.lang.IllegalStateException("injected failure after the debit")
                ENDRULE
                """.formatted(flag);
        JsonObject done;
        try (var injected = BytemanRules.install("fail-after-debit", rule)) {
            UUID id = api.submitAccepted(mode, "ACC-008", "ACC-009", "7.77", "EUR");
            done = api.awaitFinal(id, DEADLINE);
        }

        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getInt("failedDeliveries")).isEqualTo(1);
        assertThat(done.getString("lastError")).contains("injected failure after the debit");
        Map<String, Long> after = api.balances();
        assertThat(after.get("ACC-008")).isEqualTo(before.get("ACC-008") - 777);
        assertThat(after.get("ACC-009")).isEqualTo(before.get("ACC-009") + 777);
        assertThat(api.get("accounts/ACC-008").json().getJsonArray("entries"))
                .filteredOn(e -> e.asJsonObject().getString("transferId").equals(done.getString("id")))
                .hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xa", "idempotent"})
    void aMessageThatAlwaysFailsIsDeadLetteredAndTheConsumerKeepsServingOthers(String mode) throws Exception {
        Map<String, Long> before = api.balances();
        String poisonKey = "poison-" + UUID.randomUUID();
        String rule = """
                RULE every delivery of the poison transfer fails
                CLASS dev.ledgerline.ledger.rules.TransferRules
                METHOD decide
                AT ENTRY
                IF $1.idempotencyKey().equals("%s")
                DO throw new java.lang.IllegalStateException("injected poison")
                ENDRULE
                """.formatted(poisonKey);
        JsonObject poison;
        List<UUID> others = new ArrayList<>();
        try (var injected = BytemanRules.install("poison", rule)) {
            var reply = api.submit(mode, "ACC-004", "ACC-005", "3.00", "EUR", poisonKey);
            assertThat(reply.status()).isEqualTo(202);
            UUID poisonId = UUID.fromString(reply.json().getString("id"));
            // While the poison message waits out its redelivery delays, other transfers complete.
            for (int i = 0; i < 5; i++) {
                others.add(api.submitAccepted(mode, "ACC-001", "ACC-003", "1.00", "EUR"));
            }
            for (UUID other : others) {
                assertThat(api.awaitFinal(other, DEADLINE).getString("status")).isEqualTo("COMPLETED");
            }
            assertThat(api.transfer(poisonId).getString("status"))
                    .as("the poison transfer is still being retried while the others complete").isEqualTo("QUEUED");
            poison = api.awaitFinal(poisonId, DEADLINE);
        }

        assertThat(poison.getString("status")).isEqualTo("FAILED");
        assertThat(poison.getString("reason")).contains("dead-lettered").contains("injected poison");
        Map<String, Long> after = api.balances();
        assertThat(after.get("ACC-004")).isEqualTo(before.get("ACC-004"));
        assertThat(after.get("ACC-005")).isEqualTo(before.get("ACC-005"));
        try (var broker = BrokerInspector.connect(IntegrationSettings.brokerUrl())) {
            TransferQueue queue = mode.equals("xa") ? TransferQueue.XA : TransferQueue.IDEMPOTENT;
            assertThat(broker.messageCount(queue.address())).isZero();
            assertThat(broker.messageCount(queue.deadLetterAddress())).isZero();
        }
    }
}
