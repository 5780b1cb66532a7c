package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;

import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.LibertyServer;

/**
 * The XA drill that halts the server between prepare and commit, written once and run on each database:
 * the server is halted by Byteman after both branches (database and broker) are prepared and the decision
 * is logged, before either commits; after a restart, recovery must commit both, and the transfer must be
 * applied exactly once.
 */
final class XaCommitCrash {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    /** Counts the database's prepared (in-doubt) branches; called while the server is down. */
    @FunctionalInterface
    interface InDoubtBranches {
        int count() throws Exception;
    }

    private XaCommitCrash() {
    }

    /** Runs the drill on a server that is prepared (EAR deployed) but not started. */
    static void haltBeforeFirstCommitAndRecover(LibertyServer server, LedgerApiClient api,
                                                InDoubtBranches inDoubtInDatabase) throws Exception {
        startWithRules(server, "halt-before-first-xa-commit.btm");
        server.awaitApplication(api::isUp, START);
        Map<String, Long> before = api.balances();

        // The consumer takes the message as soon as the submission commits and halts the server at its commit,
        // which may come before the answer to the POST has left: then the POST gets no answer, and, as a careful
        // client does, the test sends it again with the same key once the server is back.
        String key = "it-" + UUID.randomUUID();
        UUID answered = null;
        try {
            LedgerApiClient.Reply reply = api.submit("xa", "ACC-004", "ACC-005", "4.44", "EUR", key);
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
            answered = UUID.fromString(reply.json().getString("id"));
        } catch (java.io.UncheckedIOException noAnswer) {
            // The server halted first; the transfer was accepted if and only if it is there after the restart.
        }
        server.awaitExit(Duration.ofSeconds(60));

        // The crash came where it was meant to: both branches prepared, neither committed.
        try (var broker = BrokerInspector.connect(IntegrationSettings.brokerUrl())) {
            assertThat(broker.preparedTransactions()).hasSize(1);
        }
        assertThat(inDoubtInDatabase.count()).isEqualTo(1);

        server.start("");
        server.awaitApplication(api::isUp, START);

        // The same key again answers the transfer the first POST made (200), or makes it now (202) had it not.
        LedgerApiClient.Reply again = api.submit("xa", "ACC-004", "ACC-005", "4.44", "EUR", key);
        UUID id = UUID.fromString(again.json().getString("id"));
        assertThat(again.status()).as("the same key after the restart").isEqualTo(200);
        if (answered != null) {
            assertThat(id).isEqualTo(answered);
        }
        JsonObject done = api.awaitFinal(id, RECOVERY);
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        Map<String, Long> after = api.balances();
        assertThat(after.get("ACC-004")).isEqualTo(before.get("ACC-004") - 444);
        assertThat(after.get("ACC-005")).isEqualTo(before.get("ACC-005") + 444);
        try (var broker = BrokerInspector.connect(IntegrationSettings.brokerUrl())) {
            await("the broker's prepared branch is resolved").atMost(RECOVERY)
                    .until(() -> broker.preparedTransactions().isEmpty());
            assertThat(broker.messageCount(TransferQueue.XA.address())).isZero();
        }
        // The server's own check includes "nothing in doubt in the database", read through its data source.
        await("nothing is left in doubt in the database").atMost(RECOVERY).until(() -> {
            JsonObject report = api.invariants(Duration.ZERO);
            return report.getJsonArray("results").stream().map(r -> r.asJsonObject())
                    .allMatch(r -> r.getBoolean("holds"));
        });
    }

    /** Starts the server with the Byteman agent and one of the scripts in src/test/resources/byteman. */
    static void startWithRules(LibertyServer server, String script) throws Exception {
        Path rules = Path.of(XaCommitCrash.class.getResource("/byteman/" + script).toURI());
        server.start("-javaagent:" + IntegrationSettings.bytemanJar() + "=script:" + rules);
    }
}
