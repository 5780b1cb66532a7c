package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerInspector;

/**
 * The same scenarios, with the same assertions, for both designs end to end on a real Liberty: REST, the
 * submission (XA, or a local transaction with an outbox), Artemis, the consumer, PostgreSQL.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransferScenariosIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort());

    @Deployment(testable = false)
    static EnterpriseArchive ledgerline() {
        return Deployments.ledgerline();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xa", "idempotent"})
    void aTransferCompletesAndBothBalancesMove(String mode) {
        Map<String, Long> before = api.balances();

        var reply = api.submit(mode, "ACC-001", "ACC-002", "12.34", "EUR", "it-" + UUID.randomUUID());

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.location()).endsWith("/api/transfers/" + reply.json().getString("id"));
        assertThat(reply.json().getString("status")).isEqualTo("QUEUED");
        assertThat(reply.json()).doesNotContainKeys("appliedBy", "coordinator");
        JsonObject done = api.awaitFinal(UUID.fromString(reply.json().getString("id")), DEADLINE);
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getString("mode")).isEqualTo(mode);
        assertThat(done.getString("completedAt")).isNotBlank();
        // Ended by this server: in Liberty's XA transaction, or in a local one without a coordinator.
        assertThat(done.getString("appliedBy")).isEqualTo(IntegrationSettings.PROCESS_NAME);
        assertThat(done.getString("coordinator")).isEqualTo(mode.equals("xa") ? "liberty-tm" : "none");
        Map<String, Long> after = api.balances();
        assertThat(after.get("ACC-001")).isEqualTo(before.get("ACC-001") - 1234);
        assertThat(after.get("ACC-002")).isEqualTo(before.get("ACC-002") + 1234);

        var entries = api.get("accounts/ACC-002").json().getJsonArray("entries");
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.asJsonObject().getString("transferId")).isEqualTo(done.getString("id"));
            assertThat(e.asJsonObject().getString("amount")).isEqualTo("12.34");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xa", "idempotent"})
    void insufficientFundsIsRejectedAndNothingMoves(String mode) {
        Map<String, Long> before = api.balances();
        String tooMuch = String.valueOf(before.get("ACC-006") / 100 + 1) + ".00";

        UUID id = api.submitAccepted(mode, "ACC-006", "ACC-007", tooMuch, "EUR");

        JsonObject done = api.awaitFinal(id, DEADLINE);
        assertThat(done.getString("status")).isEqualTo("REJECTED");
        assertThat(done.getString("reason")).startsWith("insufficient funds");
        assertThat(api.balances()).isEqualTo(before);
        assertThat(api.get("accounts/ACC-006").json().getJsonArray("entries"))
                .noneSatisfy(e -> assertThat(e.asJsonObject().getString("transferId")).isEqualTo(id.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xa", "idempotent"})
    void theSameIdempotencyKeyTwiceMakesOneTransfer(String mode) {
        String key = "it-twice-" + UUID.randomUUID();
        Map<String, Long> before = api.balances();

        var first = api.submit(mode, "ACC-003", "ACC-004", "5.00", "EUR", key);
        var second = api.submit(mode, "ACC-003", "ACC-004", "5.00", "EUR", key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().getString("id")).isEqualTo(first.json().getString("id"));
        api.awaitFinal(UUID.fromString(first.json().getString("id")), DEADLINE);
        assertThat(api.balances().get("ACC-003")).isEqualTo(before.get("ACC-003") - 500);

        var reusedForOther = api.submit(mode, "ACC-003", "ACC-004", "6.00", "EUR", key);
        assertThat(reusedForOther.status()).isEqualTo(422);
        assertThat(reusedForOther.json().getString("field")).isEqualTo("idempotencyKey");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xa", "idempotent"})
    void concurrentTransfersAmongTenAccountsKeepEveryInvariant(String mode) throws Exception {
        List<String> accounts = List.of("ACC-001", "ACC-002", "ACC-003", "ACC-004", "ACC-005",
                "ACC-006", "ACC-007", "ACC-008", "ACC-009", "ACC-010");
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Callable<UUID>> submissions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            submissions.add(() -> {
                var random = ThreadLocalRandom.current();
                String from = accounts.get(random.nextInt(accounts.size()));
                String to = accounts.get((accounts.indexOf(from) + 1 + random.nextInt(accounts.size() - 1)) % accounts.size());
                // Up to 2,500.00: enough that the smaller accounts run dry and some transfers are rejected.
                String amount = random.nextInt(1, 2500) + "." + String.format("%02d", random.nextInt(100));
                return api.submitAccepted(mode, from, to, amount, "EUR");
            });
        }
        List<UUID> ids = new ArrayList<>();
        try {
            for (Future<UUID> f : clients.invokeAll(submissions)) {
                ids.add(f.get());
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(ids).doesNotHaveDuplicates().hasSize(200);
        for (UUID id : ids) {
            assertThat(api.awaitFinal(id, Duration.ofSeconds(120)).getString("status")).isIn("COMPLETED", "REJECTED");
        }
        api.assertInvariantsHold(Duration.ZERO);
    }

    @Test
    void theConsumersListenOnTheQueuesTheyWereMeantFor() throws Exception {
        UUID viaXa = api.submitAccepted("xa", "ACC-005", "ACC-001", "1.00", "EUR");
        UUID viaOutbox = api.submitAccepted("idempotent", "ACC-005", "ACC-001", "1.00", "EUR");
        assertThat(api.awaitFinal(viaXa, DEADLINE).getString("status")).isEqualTo("COMPLETED");
        assertThat(api.awaitFinal(viaOutbox, DEADLINE).getString("status")).isEqualTo("COMPLETED");

        try (var broker = BrokerInspector.connect(IntegrationSettings.brokerUrl())) {
            // Only the queues the broker configuration declares: no queue auto-created under a JNDI name.
            assertThat(broker.queueNames())
                    .contains(TransferQueue.XA.address(), TransferQueue.XA.deadLetterAddress(),
                            TransferQueue.IDEMPOTENT.address(), TransferQueue.IDEMPOTENT.deadLetterAddress())
                    .noneMatch(name -> name.startsWith("jms"));
            assertThat(broker.messageCount(TransferQueue.XA.address())).isZero();
            assertThat(broker.messageCount(TransferQueue.IDEMPOTENT.address())).isZero();
            assertThat(broker.preparedTransactions()).isEmpty();
        }
    }
}
