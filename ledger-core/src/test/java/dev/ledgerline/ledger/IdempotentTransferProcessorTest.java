package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.BatchMemberFailedException;
import dev.ledgerline.ledger.apply.VersionConflictException;
import dev.ledgerline.ledger.check.InvariantChecker;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.idempotent.ConflictRetriesExhaustedException;
import dev.ledgerline.ledger.idempotent.IdempotentTransferProcessor;
import dev.ledgerline.ledger.idempotent.IdempotentTransferProcessor.Delivery;
import dev.ledgerline.ledger.idempotent.ProcessingResult;
import dev.ledgerline.ledger.idempotent.RetryPolicy;
import dev.ledgerline.ledger.idempotent.Sleeper;
import dev.ledgerline.ledger.store.AccountStore;
import dev.ledgerline.ledger.store.TransferStore;

class IdempotentTransferProcessorTest {

    /** Always the longest wait the policy allows, so that the waits asked for can be asserted exactly. */
    private static final RandomGenerator LONGEST_WAIT = FixedDraw.top();
    private static final AppliedBy CONSUMER = AppliedBy.liberty("ledgerline-3", Coordinator.NONE);

    private final Clock clock = Clock.systemUTC();
    private final InvariantChecker checker = new InvariantChecker(clock);
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Sleeper recordingSleeper = waits::add;

    private long balance(JdbcDataSource ds, String id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new AccountStore().find(c, id).orElseThrow().balanceMinor();
        }
    }

    private TransferStatus status(JdbcDataSource ds, UUID id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new TransferStore().find(c, id).orElseThrow().status();
        }
    }

    @Test
    void theSameMessageTwiceIsAppliedOnce() throws Exception {
        var ds = LedgerDatabase.fresh();
        var processor = new IdempotentTransferProcessor(ds, clock, CONSUMER, new RetryPolicy(3, Duration.ofMillis(1),
                Duration.ofMillis(8)), LONGEST_WAIT, recordingSleeper);
        var t = LedgerDatabase.queue(ds, "ACC-001", "ACC-002", 2_500, clock.instant());

        var first = processor.process("msg-1", t.id());
        var second = processor.process("msg-1", t.id());

        assertThat(first).isInstanceOfSatisfying(ProcessingResult.Applied.class, applied -> {
            assertThat(applied.outcome()).isInstanceOf(ApplyOutcome.Completed.class);
            assertThat(applied.outcome().transfer().appliedBy()).isEqualTo(CONSUMER);
        });
        assertThat(second).isEqualTo(new ProcessingResult.DuplicateSkipped("msg-1", t.id(), 0));
        assertThat(processor.duplicatesSkipped()).isEqualTo(1);
        assertThat(processor.conflicts()).isZero();
        assertThat(balance(ds, "ACC-001")).isEqualTo(1_000_000 - 2_500);
        assertThat(balance(ds, "ACC-002")).isEqualTo(500_000 + 2_500);
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(message_key) FROM processed_message")).isEqualTo(1);
        try (Connection c = ds.getConnection()) {
            assertThat(new TransferStore().find(c, t.id()).orElseThrow().appliedBy()).isEqualTo(CONSUMER);
            assertThat(checker.check(c, Duration.ZERO).allHold()).isTrue();
        }
    }

    @Test
    void aTransferAnnouncedUnderAnotherKeyIsFoundFinalAndNotAppliedAgain() throws Exception {
        var ds = LedgerDatabase.fresh();
        var processor = new IdempotentTransferProcessor(ds, clock, CONSUMER, new RetryPolicy(3, Duration.ofMillis(1),
                Duration.ofMillis(8)), LONGEST_WAIT, recordingSleeper);
        var t = LedgerDatabase.queue(ds, "ACC-001", "ACC-002", 2_500, clock.instant());
        processor.process("msg-1", t.id());

        var again = processor.process("msg-2", t.id());

        assertThat(again).isInstanceOfSatisfying(ProcessingResult.Applied.class,
                applied -> assertThat(applied.outcome()).isInstanceOf(ApplyOutcome.AlreadyFinal.class));
        assertThat(balance(ds, "ACC-001")).isEqualTo(1_000_000 - 2_500);
    }

    @Test
    void aConflictIsRolledBackAndRetriedFromAFreshReadAfterAJitteredWait() throws Exception {
        var ds = LedgerDatabase.fresh();
        var t = LedgerDatabase.queue(ds, "ACC-001", "ACC-002", 700, clock.instant());
        // The first attempt reads the clock twice (recording the message, then applying); both readings let
        // another transaction move ACC-002's version on, so that attempt conflicts and the second does not.
        var clockWithConflict = new InterleavingClock(2, () -> bumpVersion(ds, "ACC-002"));
        var processor = new IdempotentTransferProcessor(ds, clockWithConflict, CONSUMER,
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(80)), LONGEST_WAIT, recordingSleeper);

        var result = processor.process("msg-1", t.id());

        assertThat(result).isInstanceOfSatisfying(ProcessingResult.Applied.class, applied -> {
            assertThat(applied.outcome()).isInstanceOf(ApplyOutcome.Completed.class);
            assertThat(applied.conflicts()).isEqualTo(1);
        });
        assertThat(processor.conflicts()).isEqualTo(1);
        assertThat(waits).containsExactly(Duration.ofMillis(10));
        assertThat(balance(ds, "ACC-001")).isEqualTo(1_000_000 - 700);
        assertThat(balance(ds, "ACC-002")).isEqualTo(500_000 + 700);
        try (Connection c = ds.getConnection()) {
            assertThat(checker.check(c, Duration.ZERO).allHold()).isTrue();
        }
    }

    @Test
    void aDeliveryThatLosesEveryRaceIsAppliedUnderRowLocksOnItsLastAttempt() throws Exception {
        var ds = LedgerDatabase.fresh();
        var t = LedgerDatabase.queue(ds, "ACC-001", "ACC-002", 700, clock.instant());
        // At every reading of the clock, another writer tries to move ACC-002 on, giving up at once if the
        // row is locked: so every optimistic attempt conflicts, and only an attempt holding the lock can win.
        var clockWithConflicts = new InterleavingClock(Integer.MAX_VALUE, () -> bumpVersionUnlessLocked(ds, "ACC-002"));
        var processor = new IdempotentTransferProcessor(ds, clockWithConflicts, CONSUMER,
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(80)), LONGEST_WAIT, recordingSleeper);

        var result = processor.process("msg-1", t.id());

        assertThat(result).isInstanceOfSatisfying(ProcessingResult.Applied.class, applied -> {
            assertThat(applied.outcome()).isInstanceOf(ApplyOutcome.Completed.class);
            assertThat(applied.conflicts()).isEqualTo(2);
        });
        assertThat(processor.conflicts()).isEqualTo(2);
        assertThat(waits).hasSize(2);
        assertThat(balance(ds, "ACC-001")).isEqualTo(1_000_000 - 700);
        assertThat(balance(ds, "ACC-002")).isEqualTo(500_000 + 700);
        try (Connection c = ds.getConnection()) {
            assertThat(checker.check(c, Duration.ZERO).allHold()).isTrue();
        }
    }

    @Test
    void whenEvenTheLockedAttemptCannotHaveItsRowsItGivesUpAndWritesNothing() throws Exception {
        var ds = LedgerDatabase.fresh(Duration.ofMillis(200));
        var t = LedgerDatabase.queue(ds, "ACC-001", "ACC-002", 700, clock.instant());
        var processor = new IdempotentTransferProcessor(ds, clock, CONSUMER,
                new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(80)), LONGEST_WAIT, recordingSleeper);

        // Another transaction holds ACC-002 for longer than the lock timeout.
        try (Connection holder = ds.getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().executeUpdate("UPDATE account SET version = version + 1 WHERE id = 'ACC-002'");
            assertThatThrownBy(() -> processor.process("msg-1", t.id()))
                    .isInstanceOfSatisfying(ConflictRetriesExhaustedException.class, e -> {
                        assertThat(e.transferId()).isEqualTo(t.id());
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e.getCause()).isInstanceOf(SQLException.class);
                    });
            holder.rollback();
        }

        assertThat(processor.conflicts()).isEqualTo(1);
        assertThat(waits).isEmpty();
        assertThat(status(ds, t.id())).isEqualTo(TransferStatus.QUEUED);
        assertThat(balance(ds, "ACC-001")).isEqualTo(1_000_000);
        assertThat(balance(ds, "ACC-002")).isEqualTo(500_000);
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(message_key) FROM processed_message")).isZero();
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(id) FROM ledger_entry")).isZero();
    }

    @Test
    void aFailureThatIsNotAConflictIsRolledBackAndReportedAtOnce() throws Exception {
        var ds = LedgerDatabase.fresh();
        var processor = new IdempotentTransferProcessor(ds, clock, CONSUMER, new RetryPolicy(3, Duration.ofMillis(1),
                Duration.ofMillis(8)), LONGEST_WAIT, recordingSleeper);

        // The message names a transfer the database does not hold: the record's foreign key refuses it.
        assertThatThrownBy(() -> processor.process("msg-1", UUID.randomUUID()))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23506"));

        assertThat(processor.conflicts()).isZero();
        assertThat(waits).isEmpty();
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(message_key) FROM processed_message")).isZero();
    }

    /**
     * Many consumers on two hot accounts, each message delivered twice, all at once. Nothing is locked
     * ahead, so consumers collide on the accounts and on the message keys; every collision must end in a
     * retry, never in a lost update or a second application.
     */
    @Test
    void underContentionEveryTransferIsAppliedExactlyOnce() throws Exception {
        int threads = 8;
        int transferCount = 400;
        // Consumers wait on each other's uncommitted rows (an account, a message key), and on a slow
        // machine a queue of such waits can outlast H2's default lock timeout of two seconds. A timeout
        // would only be retried, but it is not what this test is about.
        var ds = LedgerDatabase.fresh(Duration.ofSeconds(10));
        var processor = new IdempotentTransferProcessor(ds, clock, CONSUMER,
                new RetryPolicy(100, Duration.ofMillis(1), Duration.ofMillis(20)), new Random(42), Sleeper.threadSleep());

        var random = new Random(7);
        List<Transfer> queued = new ArrayList<>();
        for (int i = 0; i < transferCount; i++) {
            boolean outbound = i % 2 == 0;
            queued.add(LedgerDatabase.queue(ds, outbound ? "ACC-001" : "ACC-002", outbound ? "ACC-002" : "ACC-001",
                    1 + random.nextInt(5_000), clock.instant()));
        }
        List<Transfer> deliveries = new ArrayList<>(queued);
        deliveries.addAll(queued);
        Collections.shuffle(deliveries, random);

        List<ProcessingResult> results = new CopyOnWriteArrayList<>();
        List<Callable<Void>> work = new ArrayList<>();
        for (Transfer t : deliveries) {
            work.add(() -> {
                results.add(processor.process("msg-" + t.id(), t.id()));
                return null;
            });
        }
        runTogether(threads, work);

        System.out.printf("contention: %d transfers delivered twice by %d threads: %d conflicts retried,"
                + " %d duplicates skipped%n", transferCount, threads, processor.conflicts(), processor.duplicatesSkipped());

        assertThat(processor.conflicts()).isPositive();
        assertThat(processor.duplicatesSkipped()).isEqualTo(transferCount);
        assertThat(results).filteredOn(ProcessingResult.DuplicateSkipped.class::isInstance).hasSize(transferCount);
        assertThat(results).filteredOn(ProcessingResult.Applied.class::isInstance).hasSize(transferCount)
                .allSatisfy(r -> assertThat(((ProcessingResult.Applied) r).outcome())
                        .isNotInstanceOf(ApplyOutcome.AlreadyFinal.class));
        assertThat(results.stream().mapToLong(ProcessingResult::conflicts).sum()).isEqualTo(processor.conflicts());

        long expectedOutflow = 0;
        for (ProcessingResult r : results) {
            if (r instanceof ProcessingResult.Applied applied && applied.outcome() instanceof ApplyOutcome.Completed c) {
                expectedOutflow += c.transfer().fromAccount().equals("ACC-001")
                        ? c.transfer().amount().minor() : -c.transfer().amount().minor();
            }
        }
        assertThat(balance(ds, "ACC-001")).isEqualTo(1_000_000 - expectedOutflow);
        assertThat(balance(ds, "ACC-002")).isEqualTo(500_000 + expectedOutflow);
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(id) FROM transfer WHERE status NOT IN ('COMPLETED', 'REJECTED')"))
                .isZero();
        try (Connection c = ds.getConnection()) {
            var report = checker.check(c, Duration.ZERO);
            assertThat(report.allHold()).as(report.toString()).isTrue();
        }
    }

    @Test
    void aBatchRecordsEveryMessageSkipsTheRecordedOnesAndAppliesTheRestInOrder() throws Exception {
        var ds = LedgerDatabase.fresh();
        var processor = new IdempotentTransferProcessor(ds, clock, CONSUMER, new RetryPolicy(3, Duration.ofMillis(1),
                Duration.ofMillis(8)), LONGEST_WAIT, recordingSleeper);
        var seen = LedgerDatabase.queue(ds, "ACC-001", "ACC-002", 1_000, clock.instant());
        processor.process("msg-seen", seen.id());
        // ACC-006 holds 125,000: the first debit leaves 25,000, so the second is refused.
        var first = LedgerDatabase.queue(ds, "ACC-006", "ACC-003", 100_000, clock.instant());
        var second = LedgerDatabase.queue(ds, "ACC-006", "ACC-004", 30_000, clock.instant());

        var results = processor.processAll(List.of(new Delivery("msg-first", first.id()),
                new Delivery("msg-seen", seen.id()), new Delivery("msg-second", second.id())));

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isInstanceOfSatisfying(ProcessingResult.Applied.class,
                applied -> assertThat(applied.outcome()).isInstanceOf(ApplyOutcome.Completed.class));
        assertThat(results.get(1)).isEqualTo(new ProcessingResult.DuplicateSkipped("msg-seen", seen.id(), 0));
        assertThat(results.get(2)).isInstanceOfSatisfying(ProcessingResult.Applied.class,
                applied -> assertThat(applied.outcome()).isInstanceOf(ApplyOutcome.Rejected.class));
        assertThat(balance(ds, "ACC-006")).isEqualTo(25_000);
        assertThat(balance(ds, "ACC-003")).isEqualTo(350_000);
        assertThat(balance(ds, "ACC-004")).isEqualTo(750_000);
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(message_key) FROM processed_message")).isEqualTo(3);
        assertThat(processor.duplicatesSkipped()).isEqualTo(1);
        try (Connection c = ds.getConnection()) {
            assertThat(checker.check(c, Duration.ZERO).allHold()).isTrue();
        }
    }

    @Test
    void aBatchMemberThatFailsIsNamedAndNothingOfTheBatchIsCommitted() throws Exception {
        var ds = LedgerDatabase.fresh();
        var processor = new IdempotentTransferProcessor(ds, clock, CONSUMER, new RetryPolicy(3, Duration.ofMillis(1),
                Duration.ofMillis(8)), LONGEST_WAIT, recordingSleeper);
        var good = LedgerDatabase.queue(ds, "ACC-001", "ACC-002", 700, clock.instant());
        UUID missing = UUID.randomUUID();

        assertThatThrownBy(() -> processor.processAll(List.of(new Delivery("msg-good", good.id()),
                new Delivery("msg-missing", missing))))
                .isInstanceOfSatisfying(BatchMemberFailedException.class, e -> {
                    assertThat(e.transferId()).isEqualTo(missing);
                    assertThat(e.getCause()).isInstanceOfSatisfying(SQLException.class,
                            cause -> assertThat(cause.getSQLState()).isEqualTo("23506"));
                });

        assertThat(processor.conflicts()).isZero();
        assertThat(status(ds, good.id())).isEqualTo(TransferStatus.QUEUED);
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(message_key) FROM processed_message")).isZero();
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(id) FROM ledger_entry")).isZero();
    }

    @Test
    void aBatchThatCannotHaveAnAccountsLockNamesTheMemberThatNeedsIt() throws Exception {
        var ds = LedgerDatabase.fresh(Duration.ofMillis(200));
        var processor = new IdempotentTransferProcessor(ds, clock, CONSUMER,
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(80)), LONGEST_WAIT, recordingSleeper);
        var free = LedgerDatabase.queue(ds, "ACC-001", "ACC-002", 700, clock.instant());
        var held = LedgerDatabase.queue(ds, "ACC-004", "ACC-005", 900, clock.instant());

        try (Connection holder = ds.getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().executeUpdate("UPDATE account SET version = version + 1 WHERE id = 'ACC-005'");
            assertThatThrownBy(() -> processor.processAll(List.of(new Delivery("msg-free", free.id()),
                    new Delivery("msg-held", held.id()))))
                    .isInstanceOfSatisfying(ConflictRetriesExhaustedException.class, e -> {
                        assertThat(e.transferId()).isEqualTo(held.id());
                        assertThat(e.attempts()).isEqualTo(2);
                    });
            holder.rollback();
        }

        // Both attempts took the locks up front and timed out: there is no unlocked attempt for a batch.
        assertThat(processor.conflicts()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofMillis(10));
        assertThat(status(ds, free.id())).isEqualTo(TransferStatus.QUEUED);
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(message_key) FROM processed_message")).isZero();
    }

    /**
     * As {@link #underContentionEveryTransferIsAppliedExactlyOnce}, in batches of four: batches lock their
     * rows up front, in one order, so they wait for each other rather than deadlock, and the processed-message
     * records still skip every second delivery, also when both copies of a message share a batch.
     */
    @Test
    void batchesUnderContentionApplyEveryTransferExactlyOnce() throws Exception {
        int threads = 8;
        int batchSize = 4;
        var ds = LedgerDatabase.fresh(Duration.ofSeconds(10));
        var processor = new IdempotentTransferProcessor(ds, clock, CONSUMER,
                new RetryPolicy(100, Duration.ofMillis(1), Duration.ofMillis(20)), new Random(42), Sleeper.threadSleep());
        var random = new Random(11);
        String[] accounts = {"ACC-001", "ACC-002", "ACC-004"};
        List<Transfer> queued = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String from = accounts[i % 3];
            String to = accounts[(i + 1 + random.nextInt(2)) % 3];
            queued.add(LedgerDatabase.queue(ds, from, to, 1 + random.nextInt(5_000), clock.instant()));
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (Transfer t : queued) {
            deliveries.add(new Delivery("msg-" + t.id(), t.id()));
            deliveries.add(new Delivery("msg-" + t.id(), t.id()));
        }
        Collections.shuffle(deliveries, random);

        List<ProcessingResult> results = new CopyOnWriteArrayList<>();
        List<Callable<Void>> work = new ArrayList<>();
        for (int from = 0; from < deliveries.size(); from += batchSize) {
            List<Delivery> batch = deliveries.subList(from, Math.min(from + batchSize, deliveries.size()));
            work.add(() -> {
                results.addAll(processor.processAll(batch));
                return null;
            });
        }
        runTogether(threads, work);

        assertThat(results).filteredOn(ProcessingResult.DuplicateSkipped.class::isInstance).hasSize(queued.size());
        assertThat(results).filteredOn(ProcessingResult.Applied.class::isInstance).hasSize(queued.size())
                .allSatisfy(r -> assertThat(((ProcessingResult.Applied) r).outcome())
                        .isNotInstanceOf(ApplyOutcome.AlreadyFinal.class));
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(id) FROM transfer WHERE status NOT IN ('COMPLETED', 'REJECTED')"))
                .isZero();
        try (Connection c = ds.getConnection()) {
            var report = checker.check(c, Duration.ZERO);
            assertThat(report.allHold()).as(report.toString()).isTrue();
        }
    }

    /** Runs every piece of work on {@code threads} threads, all let go at once, and fails if any failed. */
    private static void runTogether(int threads, List<Callable<Void>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var start = new CountDownLatch(1);
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> piece : work) {
                done.add(pool.submit(() -> {
                    start.await();
                    return piece.call();
                }));
            }
            start.countDown();
            for (Future<Void> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Moves the account on, unless another transaction holds its row: then it gives up at once, as a writer would. */
    private static void bumpVersionUnlessLocked(JdbcDataSource ds, String accountId) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET LOCK_TIMEOUT 1");
            s.executeUpdate("UPDATE account SET version = version + 1 WHERE id = '" + accountId + "'");
        } catch (SQLException e) {
            // H2's lock timeout: the row is locked; anything else is a real failure of the test.
            if (!"HYT00".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static void bumpVersion(JdbcDataSource ds, String accountId) throws SQLException {
        LedgerDatabase.tamper(ds, "UPDATE account SET version = version + 1 WHERE id = '" + accountId + "'");
    }
}
