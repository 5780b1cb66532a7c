package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.LibertyServer;

/**
 * The server dies, the money does not, on H2, the database for one user (the default database has {@link
 * PostgresCrashIT}). Each test runs its own Liberty process so it can kill it: with SIGKILL right after a
 * commit (H2 must not lose it); halted by Byteman between prepare and commit of the
 * XA consumer's transaction (recovery must finish both branches after the restart; {@link PostgresCrashIT}
 * runs the same drill on PostgreSQL); and halted at the crash point {@code idempotent.after-publish-before-mark},
 * in the outbox relay between publishing a row and marking it (the row is published again, the transfer
 * applied once).
 */
@ExtendWith(LedgerBrokerExtension.class)
class ServerCrashIT {

    private static final Duration START = Duration.ofSeconds(120);

    private final LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort());
    private LibertyServer server;

    @BeforeEach
    void deploy() throws Exception {
        // A relay's claim on outbox rows outlives its crash by this much; short, so the test is too.
        server = IntegrationSettings.libertyServer(Map.of("LEDGERLINE_DB", "h2", "LEDGERLINE_OUTBOX_LEASE_MS", "3000"), "liberty-console.log");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aTransferWhoseCommitReturnedSurvivesASigkillOfTheServer() throws Exception {
        server.start("");
        server.awaitApplication(api::isUp, START);
        Map<String, Long> before = api.balances();

        UUID id = api.submitAccepted("ACC-002", "ACC-003", "2.50", "EUR");
        JsonObject done = api.awaitFinal(id, Duration.ofSeconds(30));
        server.kill();

        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        server.start("");
        server.awaitApplication(api::isUp, START);
        assertThat(api.transfer(id).getString("status")).isEqualTo("COMPLETED");
        Map<String, Long> after = api.balances();
        assertThat(after.get("ACC-002")).isEqualTo(before.get("ACC-002") - 250);
        assertThat(after.get("ACC-003")).isEqualTo(before.get("ACC-003") + 250);
    }

    @Test
    void aServerHaltedBetweenPrepareAndCommitFinishesTheTransferOnceAfterRestart() throws Exception {
        XaCommitCrash.haltBeforeFirstCommitAndRecover(server, api, ServerCrashIT::inDoubtBranchesInH2);
    }

    @Test
    void aRelayHaltedBetweenPublishAndMarkPublishesAgainAndTheTransferIsAppliedOnce() throws Exception {
        server.start("-D" + CrashPoints.POINT_PROPERTY + "=" + CrashPoint.IDEMPOTENT_AFTER_PUBLISH.pointName());
        server.awaitApplication(api::isUp, START);
        Map<String, Long> before = api.balances();

        UUID id = api.submitAccepted("idempotent", "ACC-006", "ACC-007", "6.66", "EUR");
        server.awaitExit(Duration.ofSeconds(60));
        assertThat(Files.readString(consoleLog())).contains("crash point " + CrashPoint.IDEMPOTENT_AFTER_PUBLISH.pointName() + " reached");

        // The message went out, and the outbox still holds the row as unpublished.
        assertThat(countInH2("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL")).isEqualTo(1);

        server.start("");
        server.awaitApplication(api::isUp, START);

        assertThat(api.awaitFinal(id, Duration.ofSeconds(60)).getString("status")).isEqualTo("COMPLETED");
        // Once the dead relay's claim expires the row is published again; that second copy is skipped.
        // (A copy consumed but not acknowledged before the halt is redelivered and skipped too: at least one.)
        await("the outbox row is published again and its copy skipped").atMost(Duration.ofSeconds(60))
                .until(() -> api.statistics().getJsonNumber("duplicatesSkipped").longValue() >= 1
                        && api.invariants(Duration.ZERO).getJsonArray("results").stream()
                        .allMatch(r -> r.asJsonObject().getBoolean("holds")));
        Map<String, Long> after = api.balances();
        assertThat(after.get("ACC-006")).isEqualTo(before.get("ACC-006") - 666);
        assertThat(after.get("ACC-007")).isEqualTo(before.get("ACC-007") + 666);
        try (var broker = BrokerInspector.connect(IntegrationSettings.brokerUrl())) {
            assertThat(broker.messageCount(TransferQueue.IDEMPOTENT.address())).isZero();
        }
    }

    /** Where the server's console output goes: the crash point's last words are read from here. */
    private static Path consoleLog() {
        return IntegrationSettings.dataDir().resolve("liberty-console.log");
    }

    /** Reads H2's in-doubt table straight from the file; only possible while Liberty is down (file lock). */
    private static int inDoubtBranchesInH2() throws SQLException {
        return countInH2("SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT");
    }

    /** Runs a count straight on the H2 file; only possible while Liberty is down (file lock). */
    private static int countInH2(String sql) throws SQLException {
        String url = "jdbc:h2:file:" + IntegrationSettings.dataDir().resolve("h2/ledger") + ";WRITE_DELAY=0";
        try (Connection c = DriverManager.getConnection(url, "ledgerline", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
