package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.ledgerline.testkit.LibertyServer;
import dev.ledgerline.testkit.PostgresServer;

/**
 * An orderly stop under load, on the default database: Liberty's own {@code server stop}, while clients submit
 * in both designs and the consumers, the XA pollers among them, are busy. The stop must end every transaction
 * before it takes the broker's resource adapter away (no XA end failing against a destroyed connection, no
 * heuristic outcome, nothing logged as an error), and after a restart every accepted transfer completes and
 * every invariant holds.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
class GracefulStopIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final int CLIENTS = 4;
    private static final int ACCEPTED_BEFORE_STOP = 100;
    private static final List<String> EUR_ACCOUNTS = List.of("ACC-001", "ACC-002", "ACC-003", "ACC-004", "ACC-005");
    /** A line Liberty logged at level E (error): "[time] thread class E message". */
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\[[^\\]]+\\] \\p{XDigit}{8} \\S+\\s+E ");

    private static PostgresServer postgres;

    private final LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort());
    private LibertyServer server;

    @BeforeAll
    static void useTheRunsDatabase(PostgresServer server) {
        postgres = server;
    }

    @BeforeEach
    void deploy() throws Exception {
        server = IntegrationSettings.libertyServer(postgres.ledgerlineEnvironment(), "liberty-graceful-stop-console.log");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aServerStoppedUnderLoadEndsItsTransactionsFirstAndLosesNothing() throws Exception {
        server.start("");
        server.awaitApplication(api::isUp, START);

        Queue<UUID> accepted = new ConcurrentLinkedQueue<>();
        AtomicBoolean stopping = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.execute(() -> submitUntilRefused(client, accepted, stopping));
        }
        try {
            await("transfers accepted before the stop").atMost(Duration.ofSeconds(60))
                    .until(() -> accepted.size() >= ACCEPTED_BEFORE_STOP);
            server.stop();
        } finally {
            stopping.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        String log = Files.readString(server.outputDir().resolve("logs/messages.log"));
        String stop = log.substring(log.indexOf("CWWKE0055I"));
        assertThat(ERROR_LINE.matcher(stop).find()).as("an error logged during the stop:%n%s", stop).isFalse();
        assertThat(stop).doesNotContain("FFDC1015I").doesNotContain("Heuristic");
        // The pollers ended their transactions during the quiesce, before the adapter went.
        assertThat(stop.indexOf("its pollers have stopped")).as(stop).isNotNegative()
                .isLessThan(stop.indexOf("CWWKE1101I: Server quiesce complete"))
                .isLessThan(stop.indexOf("AMQ151003"));

        server.start("");
        server.awaitApplication(api::isUp, START);
        for (UUID id : accepted) {
            assertThat(api.awaitFinal(id, Duration.ofSeconds(120)).getString("status"))
                    .as("transfer %s", id).isEqualTo("COMPLETED");
        }
        await("every invariant holds").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> api.assertInvariantsHold(Duration.ZERO));
    }

    /**
     * Submits small transfers, alternating the designs, until the server stops answering; only the 202s are
     * kept, since a request in flight when the server went may or may not have been taken.
     */
    private void submitUntilRefused(int client, Queue<UUID> accepted, AtomicBoolean stopping) {
        for (int i = 0; !stopping.get(); i++) {
            String mode = i % 2 == 0 ? "xa" : "idempotent";
            String from = EUR_ACCOUNTS.get((client + i) % EUR_ACCOUNTS.size());
            String to = EUR_ACCOUNTS.get((client + i + 1) % EUR_ACCOUNTS.size());
            LedgerApiClient.Reply reply;
            try {
                reply = api.submit(mode, from, to, "0.0" + (1 + i % 9), "EUR", "stop-" + UUID.randomUUID());
            } catch (UncheckedIOException e) {
                return;
            }
            if (reply.status() != 202) {
                return;
            }
            accepted.add(UUID.fromString(reply.json().getString("id")));
        }
    }
}
