package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.check.InvariantChecker;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.idempotent.IdempotentTransferProcessor;
import dev.ledgerline.ledger.idempotent.ProcessingResult;
import dev.ledgerline.ledger.idempotent.RetryPolicy;
import dev.ledgerline.ledger.messaging.RedeliveryPolicy;
import dev.ledgerline.ledger.retention.Pruned;
import dev.ledgerline.ledger.retention.RecordPruner;
import dev.ledgerline.ledger.retention.RetentionWindow;
import dev.ledgerline.ledger.store.OutboxStore;
import dev.ledgerline.ledger.store.ProcessedMessageStore;

/** The pruning of processed-message records and published outbox rows, on H2 (PostgreSQL: RetentionCrashIT). */
class RecordPrunerTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration LEASE = Duration.ofSeconds(30);

    // Whole microseconds: what both databases keep of a timestamp.
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final ProcessedMessageStore processed = new ProcessedMessageStore();
    private final OutboxStore outbox = new OutboxStore();
    private final List<Pruned> passes = new CopyOnWriteArrayList<>();
    private JdbcDataSource ds;
    private UUID transferId;

    @BeforeEach
    void freshLedger() throws SQLException {
        ds = LedgerDatabase.fresh(Duration.ofSeconds(10));
        transferId = LedgerDatabase.queue(ds, "ACC-001", "ACC-002", 100, now).id();
    }

    private RecordPruner pruner(int batchSize) {
        return new RecordPruner(ds, clock, new RetentionWindow(WINDOW), batchSize, passes::add);
    }

    private void record(String key, Instant at) throws SQLException {
        try (Connection c = ds.getConnection()) {
            assertThat(processed.recordFirst(c, key, transferId, at)).isTrue();
        }
    }

    /** An outbox row created and claimed at {@code at}, and published then if {@code published}. */
    private long outboxRow(Instant at, boolean published) throws SQLException {
        try (Connection c = ds.getConnection()) {
            long id = outbox.insert(c, transferId, "transfers.idempotent", "{}", at);
            if (published) {
                assertThat(outbox.claim(c, "relay-a", at, LEASE, 1000)).isNotEmpty();
                assertThat(outbox.markPublished(c, id, "relay-a", at)).isTrue();
            }
            return id;
        }
    }

    private long count(String query) throws SQLException {
        return LedgerDatabase.count(ds, query);
    }

    @Test
    void deletesRecordsAndPublishedRowsPastTheWindowAndKeepsTheRest() throws SQLException {
        record("old-1", now.minus(WINDOW).minusMillis(1));
        record("old-2", now.minus(Duration.ofDays(3)));
        record("at-the-edge", now.minus(WINDOW));
        record("young", now.minusSeconds(1));
        long oldPublished = outboxRow(now.minus(WINDOW).minusSeconds(1), true);
        long youngPublished = outboxRow(now.minusSeconds(1), true);
        long oldUnpublished = outboxRow(now.minus(Duration.ofDays(3)), false);

        pruner(100).prunePass();

        assertThat(passes).containsExactly(new Pruned(2, 1));
        assertThat(count("SELECT COUNT(*) FROM processed_message WHERE message_key IN ('at-the-edge', 'young')")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM processed_message")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE id = " + oldPublished)).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE id IN (" + youngPublished + ", " + oldUnpublished + ")")).isEqualTo(2);
    }

    @Test
    void anUnpublishedRowIsNeverDeletedHoweverOldNorAClaimedOne() throws SQLException {
        long unclaimed = outboxRow(now.minus(Duration.ofDays(30)), false);
        long claimed;
        try (Connection c = ds.getConnection()) {
            claimed = outbox.insert(c, transferId, "transfers.idempotent", "{}", now.minus(Duration.ofDays(30)));
            outbox.claim(c, "relay-a", now.minus(Duration.ofDays(30)), LEASE, 1000);
        }

        pruner(100).prunePass();

        assertThat(passes).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL AND id IN (" + unclaimed + ", " + claimed + ")"))
                .isEqualTo(2);
    }

    @Test
    void aPassDeletesInBoundedBatchesAndReportsItsTotalsOnce() throws SQLException {
        for (int i = 0; i < 7; i++) {
            record("old-" + i, now.minus(WINDOW).minusSeconds(i + 1));
        }
        for (int i = 0; i < 4; i++) {
            outboxRow(now.minus(WINDOW).minusSeconds(i + 1), true);
        }
        RecordPruner pruner = pruner(3);

        assertThat(pruner.step()).as("3 of 7 records, 3 of 4 rows").isTrue();
        assertThat(count("SELECT COUNT(*) FROM processed_message")).isEqualTo(4);
        assertThat(passes).as("nothing said in the middle of a pass").isEmpty();
        assertThat(pruner.step()).as("3 more records, the last row").isTrue();
        assertThat(pruner.step()).as("the last record").isFalse();

        assertThat(passes).containsExactly(new Pruned(7, 4));
        assertThat(count("SELECT COUNT(*) FROM processed_message")).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox")).isZero();
    }

    @Test
    void aPassThatFindsNothingSaysNothing() throws SQLException {
        record("young", now.minusSeconds(1));

        assertThat(pruner(10).step()).isFalse();

        assertThat(passes).isEmpty();
    }

    @Test
    void twoPrunersOnTheSameRowsDeleteEachOnceAndCountEachOnce() throws Exception {
        int records = 600;
        for (int i = 0; i < records; i++) {
            record("old-" + i, now.minus(WINDOW).minusSeconds(i % 50 + 1));
        }
        ExecutorService servers = Executors.newFixedThreadPool(2);
        try {
            Callable<Void> server = () -> {
                pruner(25).prunePass();
                return null;
            };
            List<Future<Void>> running = List.of(servers.submit(server), servers.submit(server));
            for (Future<Void> pass : running) {
                pass.get(60, TimeUnit.SECONDS);
            }
        } finally {
            servers.shutdownNow();
        }
        // A pruner whose batch came back short because the other took the rows ends its pass early; what is
        // left, a pass afterwards deletes. Every row is counted by whichever pruner deleted it.
        pruner(25).prunePass();

        assertThat(count("SELECT COUNT(*) FROM processed_message")).isZero();
        assertThat(passes.stream().mapToLong(Pruned::processedMessages).sum()).isEqualTo(records);
    }

    @Test
    void aCopyArrivingAfterItsRecordWasPrunedFindsTheTransferFinalAndChangesNothing() throws Exception {
        var processor = new IdempotentTransferProcessor(ds, Clock.offset(clock, WINDOW.negated().minusSeconds(1)),
                AppliedBy.liberty("ledgerline", Coordinator.NONE),
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(8)), FixedDraw.top(), wait -> { });
        assertThat(processor.process("msg-1", transferId)).isInstanceOfSatisfying(ProcessingResult.Applied.class,
                applied -> assertThat(applied.outcome()).isInstanceOf(ApplyOutcome.Completed.class));
        pruner(10).prunePass();
        assertThat(count("SELECT COUNT(*) FROM processed_message")).isZero();

        var late = processor.process("msg-1", transferId);

        assertThat(late).as("recorded again, then found COMPLETED: not a skip, and nothing moved")
                .isInstanceOfSatisfying(ProcessingResult.Applied.class,
                        applied -> assertThat(applied.outcome()).isInstanceOf(ApplyOutcome.AlreadyFinal.class));
        assertThat(count("SELECT COUNT(*) FROM ledger_entry WHERE transfer_id = '" + transferId + "'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM processed_message WHERE message_key = 'msg-1'")).isEqualTo(1);
        try (Connection c = ds.getConnection()) {
            assertThat(new InvariantChecker(clock).check(c, Duration.ZERO).allHold()).isTrue();
        }
    }
}
