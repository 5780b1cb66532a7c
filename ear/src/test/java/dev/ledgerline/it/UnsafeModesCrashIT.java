package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerClients;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.LibertyServer;
import dev.ledgerline.testkit.PostgresServer;

/**
 * The UNSAFE demonstration modes, enabled, on a server of their own: the shared Arquillian server keeps the
 * shipped default, under which {@link BadInputIT} sees them refused. Nothing crashes here. This is the
 * baseline the crash drills depart from: without a crash each unsafe mode carries its transfer correctly,
 * so when a drill breaks an invariant, the crash did it. Kept with the crash tests because it starts its own
 * server, once for the class.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
class UnsafeModesCrashIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Not the server's name, as each server of a cluster would be named: the setting must reach the ledger. */
    private static final String PROCESS_NAME = "ledgerline-unsafe";

    private static final LedgerApiClient API = new LedgerApiClient(IntegrationSettings.httpPort());
    private static LibertyServer server;

    @BeforeAll
    static void startWithUnsafeModesEnabled(PostgresServer postgres) throws Exception {
        Map<String, String> settings = new HashMap<>(postgres.ledgerlineEnvironment());
        settings.put("LEDGERLINE_UNSAFE_MODES_ENABLED", "true");
        settings.put("LEDGERLINE_PROCESS_NAME", PROCESS_NAME);
        server = IntegrationSettings.libertyServer(settings, consoleLog().getFileName().toString());
        server.start("");
        server.awaitApplication(API::isUp, START);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void withoutACrashEachUnsafeModeCompletesItsTransferAndEveryInvariantHolds() throws Exception {
        assertThat(Files.readString(consoleLog())).as("the server says at start that unsafe modes are on")
                .contains("UNSAFE demonstration modes at-most-once and at-least-once-naive are ENABLED");
        Map<String, Long> before = API.balances();

        UUID lossy = API.submitAccepted("at-most-once", "ACC-008", "ACC-009", "1.11", "EUR");
        UUID naive = API.submitAccepted("at-least-once-naive", "ACC-009", "ACC-008", "0.50", "EUR");

        var lossyDone = API.awaitFinal(lossy, DEADLINE);
        var naiveDone = API.awaitFinal(naive, DEADLINE);
        assertThat(lossyDone.getString("status")).isEqualTo("COMPLETED");
        assertThat(lossyDone.getString("mode")).isEqualTo("at-most-once");
        assertThat(naiveDone.getString("status")).isEqualTo("COMPLETED");
        assertThat(naiveDone.getString("mode")).isEqualTo("at-least-once-naive");
        // Local transactions, each committed apart from the broker's: no coordinator.
        for (var done : List.of(lossyDone, naiveDone)) {
            assertThat(done.getString("appliedBy")).isEqualTo("liberty/" + PROCESS_NAME);
            assertThat(done.getString("coordinator")).isEqualTo("none");
        }
        Map<String, Long> after = API.balances();
        assertThat(after.get("ACC-008")).isEqualTo(before.get("ACC-008") - 111 + 50);
        assertThat(after.get("ACC-009")).isEqualTo(before.get("ACC-009") + 111 - 50);
        API.assertInvariantsHold(Duration.ZERO);
        try (var broker = BrokerInspector.connect(IntegrationSettings.brokerUrl())) {
            await("both messages are acknowledged").atMost(DEADLINE)
                    .until(() -> broker.messageCount(TransferQueue.UNSAFE.address()) == 0);
        }
    }

    @Test
    void aMessageThatKeepsFailingIsRedeliveredThenDeadLetteredAndConsumed() throws Exception {
        // A transfer id the ledger does not hold: the naive consumer fails on every delivery.
        UUID unknown = UUID.randomUUID();
        try (var factory = BrokerClients.connectionFactory(IntegrationSettings.brokerUrl());
             JMSContext context = factory.createContext()) {
            TextMessage poison = context.createTextMessage(unknown.toString());
            poison.setStringProperty(TransferMessages.MESSAGE_KEY_PROPERTY, unknown.toString());
            poison.setStringProperty(TransferMessages.MODE_PROPERTY, "at-least-once-naive");
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(context.createQueue(TransferQueue.UNSAFE.address()), poison);
        }

        // Each failed delivery is recovered (not acknowledged), so the broker delivers it again until its
        // limit, moves it to the dead-letter queue, and the dead-letter consumer takes it from there and
        // records why, which the API shows.
        await("the poison message is redelivered, dead-lettered, consumed and recorded").atMost(DEADLINE)
                .until(() -> API.get("dead-letters?limit=500").jsonArrayOrObject().asJsonArray().stream()
                        .map(v -> v.asJsonObject())
                        .anyMatch(d -> unknown.toString().equals(d.getString("transferId", null))
                                && "UNKNOWN_TRANSFER".equals(d.getString("reason"))
                                && TransferQueue.UNSAFE.deadLetterAddress().equals(d.getString("queue"))));
        String log = Files.readString(consoleLog());
        assertThat(log).contains("delivery 1 of transfer " + unknown + " rolled back");
        assertThat(log).contains("delivery 2 of transfer " + unknown + " rolled back");
        try (var broker = BrokerInspector.connect(IntegrationSettings.brokerUrl())) {
            await("both unsafe queues are empty").atMost(DEADLINE)
                    .until(() -> broker.messageCount(TransferQueue.UNSAFE.address()) == 0
                            && broker.messageCount(TransferQueue.UNSAFE.deadLetterAddress()) == 0);
        }
    }

    private static Path consoleLog() {
        return IntegrationSettings.dataDir().resolve("unsafe-modes-console.log");
    }
}
