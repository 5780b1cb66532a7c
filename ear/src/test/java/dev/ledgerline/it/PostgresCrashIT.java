package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.ledgerline.ledger.check.InvariantChecker;
import dev.ledgerline.ledger.check.InvariantReport;
import dev.ledgerline.testkit.LibertyServer;
import dev.ledgerline.testkit.PostgresServer;

/**
 * The application on its own server, on the default database (PostgreSQL, this run's server): transfers in
 * both designs under concurrent load, the ledger checked straight in the database while the server runs (H2's
 * file lock forbids that; PostgreSQL is a server), the XA drill of {@link ServerCrashIT} with
 * PostgreSQL's PREPARE TRANSACTION as the database branch, and an orderly stop under load (Liberty's own
 * {@code server stop}): every transaction ends before the stop takes the broker's resource adapter away, and
 * nothing accepted is lost.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
class PostgresCrashIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final int TRANSFERS_PER_MODE = 100;
    private static final int CLIENTS = 8;
    /**
     * Five EUR accounts, so that the two designs meet on the same rows all the time: XA branches under row
     * locks and local transactions under version conditions. This is the mixed-load test of both designs, on
     * the default database; H2 loses updates under this load (docs/h2-lost-update.md).
     */
    private static final List<String> EUR_ACCOUNTS = List.of("ACC-001", "ACC-002", "ACC-003", "ACC-004", "ACC-005");
    private static final int ACCEPTED_BEFORE_STOP = 100;
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
        server = IntegrationSettings.libertyServer(postgres.ledgerlineEnvironment(),
                "liberty-postgres-console.log");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void transfersInBothDesignsKeepTheLedgerRightWhileTheDatabaseIsCheckedLive() throws Exception {
        server.start("");
        server.awaitApplication(api::isUp, START);

        List<UUID> ids = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<UUID>> submitted = clients.invokeAll(submissions());
            // While the consumers work, the ledger is read straight from PostgreSQL, beside the running server.
            // Each invariant is one statement, so it sees one committed state; "nothing in doubt" and "none
            // lost" are left for the end, since branches are prepared and transfers queued while load flows.
            InvariantReport live = check(Duration.ofMinutes(10));
            for (String invariant : List.of(InvariantChecker.MONEY_CONSERVED,
                    InvariantChecker.TWO_ENTRIES_PER_COMPLETED, InvariantChecker.APPLIED_AT_MOST_ONCE,
                    InvariantChecker.NO_BALANCE_BELOW_FLOOR, InvariantChecker.BALANCE_MATCHES_ENTRIES)) {
                assertThat(live.result(invariant).holds()).as(live.toString()).isTrue();
            }
            for (Future<UUID> f : submitted) {
                ids.add(f.get());
            }
        } finally {
            clients.shutdownNow();
        }

        assertEveryTransferCompletedAndTheLedgerRight(ids);
    }

    @Test
    void aServerHaltedBetweenPrepareAndCommitFinishesTheTransferOnceAfterRestart() throws Exception {
        XaCommitCrash.haltBeforeFirstCommitAndRecover(server, api, PostgresCrashIT::preparedBranchesInPostgres);
        // PostgreSQL can be asked directly, with the server up: the prepared transaction is gone.
        await("PostgreSQL holds no prepared transaction").atMost(Duration.ofSeconds(90))
                .until(() -> preparedBranchesInPostgres() == 0);
    }

    /**
     * Liberty stops the application only after its quiesce, in parallel with the resource adapter: the pollers
     * must have ended their transactions before (see ServerPollers). Clients submit in both designs, and the
     * consumers, the XA pollers among them, are busy when the stop comes. Nothing may be logged as an error (no
     * XA end failing against a destroyed connection, no heuristic outcome), and after a restart every accepted
     * transfer completes and every invariant holds.
     */
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
        assertEveryTransferCompletedAndTheLedgerRight(accepted);
    }

    /**
     * Every one of {@code ids} reaches COMPLETED, then every invariant holds in PostgreSQL (checked while the
     * server runs) and no branch is left prepared.
     */
    private void assertEveryTransferCompletedAndTheLedgerRight(Collection<UUID> ids) throws SQLException {
        for (UUID id : ids) {
            assertThat(api.awaitFinal(id, Duration.ofSeconds(120)).getString("status"))
                    .as("transfer %s", id).isEqualTo("COMPLETED");
        }
        // The outbox relay marks a row published just after the broker took it; give it that moment.
        await("every invariant holds in PostgreSQL, checked while the server runs").atMost(Duration.ofSeconds(30))
                .until(() -> check(Duration.ZERO).allHold());
        assertThat(preparedBranchesInPostgres()).isZero();
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

    /** Half in each design, interleaved, between EUR accounts, small enough that none is refused for funds. */
    private List<Callable<UUID>> submissions() {
        List<Callable<UUID>> submissions = new ArrayList<>();
        for (int i = 0; i < 2 * TRANSFERS_PER_MODE; i++) {
            String mode = i % 2 == 0 ? "xa" : "idempotent";
            String from = EUR_ACCOUNTS.get(i % EUR_ACCOUNTS.size());
            String to = EUR_ACCOUNTS.get((i + 1 + i / EUR_ACCOUNTS.size()) % EUR_ACCOUNTS.size());
            String amount = (1 + i % 7) + "." + (10 + i % 90);
            if (from.equals(to)) {
                to = EUR_ACCOUNTS.get((i + 2) % EUR_ACCOUNTS.size());
            }
            String target = to;
            submissions.add(() -> api.submitAccepted(mode, from, target, amount, "EUR"));
        }
        return submissions;
    }

    private static InvariantReport check(Duration settleTime) throws SQLException {
        try (Connection c = connect()) {
            return new InvariantChecker(Clock.systemUTC()).check(c, settleTime);
        }
    }

    private static int preparedBranchesInPostgres() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT COUNT(*) FROM pg_prepared_xacts WHERE database = current_database()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }
}
