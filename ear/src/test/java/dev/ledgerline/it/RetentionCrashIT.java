package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.ledger.retention.Pruned;
import dev.ledgerline.ledger.retention.RecordPruner;
import dev.ledgerline.ledger.retention.RetentionWindow;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.LibertyServer;
import dev.ledgerline.testkit.PostgresServer;

/**
 * How long the idempotent design keeps its records, on PostgreSQL, on servers of their own (with settings of
 * their own; nothing crashes here, and the class sits with the crash tests because it starts its own servers).
 * The run's broker keeps the default redelivery policy, 45 s from first to last delivery, and the server is
 * told nothing else, so the minimum it enforces is the real one: a window of 45 s is refused, one of 60 s is
 * short but valid. Rows are made older than the window by moving their timestamps back, which takes a moment
 * where waiting the window out would take a minute; the pruner runs every 500 ms.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
class RetentionCrashIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final long WINDOW_MILLIS = 60_000;
    private static final Pattern PASS_LINE = Pattern.compile(
            "pruned (\\d+) processed-message records and (\\d+) published outbox rows older than " + WINDOW_MILLIS + " ms");

    private final LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort());
    private LibertyServer server;

    /** The old unpublished outbox row the test holds, removed however the test ends: later tests share the database. */
    private Runnable releaseHeldRow = () -> { };

    @AfterEach
    void stop() throws Exception {
        try {
            releaseHeldRow.run();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void aWindowNoLongerThanTheBrokersRedeliveryWindowIsRefusedBeforeAnythingStarts(PostgresServer postgres) throws Exception {
        server = start(postgres, Map.of("LEDGERLINE_RETENTION_WINDOW_MS", "45000"), "retention-refused-console.log");

        await("Liberty gives up on the application").atMost(START).until(() -> messagesLog().contains("CWWKZ0002E"));
        String log = messagesLog();
        String refusal = "refusing to start: ledgerline.retention.window-ms is 45000 ms; it must be more than 45000 ms,"
                + " the broker's redelivery window (8 deliveries, waits from 1000 ms times 2.0 up to 10000 ms)";
        assertThat(log).contains(refusal);
        assertThat(log.lines().filter(line -> line.contains(" E refusing to start: ")).count())
                .as("our line, once (Liberty then quotes it in its own)").isEqualTo(1);
        assertThat(log).as("the schema was not touched, nothing was started")
                .doesNotContain("ledger schema at version").doesNotContain("outbox relay").doesNotContain("record pruner started");
        assertThat(api.isUp()).isFalse();
    }

    @Test
    void aCopyInsideTheWindowIsSkippedRowsPastItArePrunedAndALateCopyChangesNothing(PostgresServer postgres)
            throws Exception {
        server = start(postgres, Map.of("LEDGERLINE_RETENTION_WINDOW_MS", String.valueOf(WINDOW_MILLIS),
                "LEDGERLINE_RETENTION_PERIOD_MS", "500", "LEDGERLINE_RETENTION_BATCH", "50"), "retention-console.log");
        server.awaitApplication(api::isUp, START);
        assertThat(messagesLog()).contains("record pruner started: keeps processed-message records and published"
                + " outbox rows for 60000 ms, looks every 500 ms");

        // (a) Inside the window: the copy finds the record and is skipped.
        Map<String, Long> before = api.balances();
        UUID early = api.submitAccepted("idempotent", "ACC-004", "ACC-005", "3.33", "EUR");
        assertThat(api.awaitFinal(early, DEADLINE).getString("status")).isEqualTo("COMPLETED");
        long skipped = duplicatesSkipped();
        MessageCopies.sendCopy(early);
        await("the copy is skipped").atMost(DEADLINE).until(() -> duplicatesSkipped() == skipped + 1);
        assertMovedOnce(postgres, early, before);
        assertThat(rowsOf(postgres, "processed_message", early)).isEqualTo(1);
        await("the relay marks its row published").atMost(DEADLINE)
                .until(() -> count(postgres, "SELECT COUNT(*) FROM outbox WHERE published_at IS NOT NULL AND transfer_id = ?", early) == 1);

        // (b) Past the window: both rows go; a young transfer's rows and an old unpublished row stay.
        UUID young = api.submitAccepted("idempotent", "ACC-005", "ACC-004", "1.00", "EUR");
        assertThat(api.awaitFinal(young, DEADLINE).getString("status")).isEqualTo("COMPLETED");
        long held = holdAnOldUnpublishedRow(postgres, young);
        releaseHeldRow = () -> {
            try {
                execute(postgres, "DELETE FROM outbox WHERE id = ?", held);
            } catch (SQLException e) {
                throw new IllegalStateException("could not remove the held outbox row " + held, e);
            }
        };
        // The run's database holds the records of the tests before this one, which the server's first passes
        // pruned too: only what its log reports from here on is this test's.
        Pruned beforeAging = prunedSoFar();
        ageByTwoMinutes(postgres, early);
        await("the early transfer's rows are pruned").atMost(DEADLINE)
                .until(() -> rowsOf(postgres, "processed_message", early) + rowsOf(postgres, "outbox", early) == 0);
        await("the pass is logged").atMost(DEADLINE).until(() -> prunedSoFar().equals(beforeAging.plus(new Pruned(1, 1))));
        assertThat(rowsOf(postgres, "processed_message", young)).isEqualTo(1);
        assertThat(count(postgres, "SELECT COUNT(*) FROM outbox WHERE id = ? AND published_at IS NULL", held)).isEqualTo(1);
        assertThat(rowsOf(postgres, "outbox", young)).as("its published row and the held one").isEqualTo(2);

        // (c) After the window: a late copy records its key again, finds the transfer COMPLETED, moves nothing.
        Map<String, Long> beforeLateCopy = api.balances();
        MessageCopies.sendCopy(early);
        await("the late copy is consumed").atMost(DEADLINE)
                .until(() -> rowsOf(postgres, "processed_message", early) == 1 && queueEmpty());
        assertThat(duplicatesSkipped()).as("not found recorded: no skip counted").isEqualTo(skipped + 1);
        assertThat(api.balances()).isEqualTo(beforeLateCopy);
        assertThat(count(postgres, "SELECT COUNT(*) FROM ledger_entry WHERE transfer_id = ?", early)).isEqualTo(2);

        // (d) Another server pruning the same rows at once: every row deleted once, and counted once.
        Pruned beforeBulk = prunedSoFar();
        int bulk = 3_000;
        execute(postgres, """
                INSERT INTO processed_message (message_key, transfer_id, processed_at)
                SELECT 'bulk-' || n, ?, now() - INTERVAL '1 hour' FROM generate_series(1, 3000) AS n""", young);
        List<Pruned> passesHere = new CopyOnWriteArrayList<>();
        pruneFromHereTwice(postgres, passesHere);
        await("every bulk row is gone").atMost(DEADLINE)
                .until(() -> count(postgres, "SELECT COUNT(*) FROM processed_message WHERE message_key LIKE 'bulk-%'") == 0);
        long here = passesHere.stream().mapToLong(Pruned::processedMessages).sum();
        await("the server's passes and ours add up to the rows").atMost(DEADLINE)
                .until(() -> prunedSoFar().processedMessages() - beforeBulk.processedMessages() + here == bulk);
        System.out.println("retention: " + bulk + " rows pruned, " + here + " by the test's two pruners, the rest by the server");

        releaseHeldRow.run();
        releaseHeldRow = () -> { };
        api.assertInvariantsHold(Duration.ZERO);
    }

    private LibertyServer start(PostgresServer postgres, Map<String, String> retention, String consoleLog) throws Exception {
        Map<String, String> settings = new HashMap<>(postgres.ledgerlineEnvironment());
        settings.putAll(retention);
        LibertyServer started = IntegrationSettings.libertyServer(settings, consoleLog);
        // Liberty starts a new messages.log at every start; the one before would otherwise be read here.
        Files.deleteIfExists(messagesLogOf(started));
        started.start("");
        return started;
    }

    private String messagesLog() throws Exception {
        Path log = messagesLogOf(server);
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static Path messagesLogOf(LibertyServer liberty) {
        return liberty.outputDir().resolve("logs/messages.log");
    }

    /** What the server's pass lines say it pruned since it started. */
    private Pruned prunedSoFar() throws Exception {
        Pruned total = Pruned.NONE;
        Matcher m = PASS_LINE.matcher(messagesLog());
        while (m.find()) {
            total = total.plus(new Pruned(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
        }
        return total;
    }

    private long duplicatesSkipped() {
        return api.statistics().getJsonNumber("duplicatesSkipped").longValue();
    }


    private static boolean queueEmpty() throws Exception {
        try (var broker = BrokerInspector.connect(IntegrationSettings.brokerUrl())) {
            return broker.messageCount(TransferQueue.IDEMPOTENT.address()) == 0;
        }
    }

    /** The balances moved by 3.33 once, and the transfer has its one pair of entries. */
    private void assertMovedOnce(PostgresServer postgres, UUID id, Map<String, Long> before) throws SQLException {
        Map<String, Long> after = api.balances();
        assertThat(after.get("ACC-004")).isEqualTo(before.get("ACC-004") - 333);
        assertThat(after.get("ACC-005")).isEqualTo(before.get("ACC-005") + 333);
        assertThat(count(postgres, "SELECT COUNT(*) FROM ledger_entry WHERE transfer_id = ?", id)).isEqualTo(2);
    }

    /**
     * An outbox row created a day ago and never published, which a relay of another server holds by a live
     * claim (so this server's relay leaves it alone): old, but never to be pruned.
     */
    private static long holdAnOldUnpublishedRow(PostgresServer postgres, UUID transferId) throws SQLException {
        try (Connection c = connect(postgres); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO outbox (transfer_id, destination, payload, created_at, claimed_by, claimed_until)
                VALUES (?, 'transfers.idempotent', ?, now() - INTERVAL '1 day', 'relay-held-by-the-test', now() + INTERVAL '1 hour')
                RETURNING id""")) {
            ps.setObject(1, transferId);
            ps.setString(2, transferId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Two pruners with the server's window, in this JVM, at the same time as the server's: three servers. */
    private static void pruneFromHereTwice(PostgresServer postgres, List<Pruned> passes) throws Exception {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.jdbcUrl());
        dataSource.setUser(postgres.user());
        dataSource.setPassword(postgres.password());
        Callable<Void> prune = () -> {
            new RecordPruner(dataSource, Clock.systemUTC(), new RetentionWindow(Duration.ofMillis(WINDOW_MILLIS)), 50,
                    passes::add).prunePass();
            return null;
        };
        ExecutorService pruners = Executors.newFixedThreadPool(2);
        try {
            for (Future<Void> pass : pruners.invokeAll(List.of(prune, prune))) {
                pass.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pruners.shutdownNow();
        }
    }

    /** Moves the transfer's record and the publication of its outbox row two minutes back, in one transaction. */
    private static void ageByTwoMinutes(PostgresServer postgres, UUID transferId) throws SQLException {
        try (Connection c = connect(postgres)) {
            c.setAutoCommit(false);
            for (String update : List.of(
                    "UPDATE processed_message SET processed_at = processed_at - INTERVAL '2 minutes' WHERE transfer_id = ?",
                    "UPDATE outbox SET published_at = published_at - INTERVAL '2 minutes' WHERE transfer_id = ?")) {
                try (PreparedStatement ps = c.prepareStatement(update)) {
                    ps.setObject(1, transferId);
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
            }
            c.commit();
        }
    }

    private static long rowsOf(PostgresServer postgres, String table, UUID transferId) throws SQLException {
        return count(postgres, "SELECT COUNT(*) FROM " + table + " WHERE transfer_id = ?", transferId);
    }

    private static long count(PostgresServer postgres, String query, Object... parameters) throws SQLException {
        try (Connection c = connect(postgres); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(PostgresServer postgres, String statements, Object... parameters) throws SQLException {
        try (Connection c = connect(postgres); PreparedStatement ps = c.prepareStatement(statements)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.execute();
        }
    }

    private static Connection connect(PostgresServer postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }
}
