package dev.ledgerline.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.ledgerline.harness.RunDirectory;
import dev.ledgerline.harness.database.Database;
import dev.ledgerline.harness.database.DatabaseUnderTest;
import dev.ledgerline.ledger.apply.LockingTransferApplier;
import dev.ledgerline.ledger.check.InvariantChecker;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.domain.Money;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.store.TransferStore;
import dev.ledgerline.ledger.submit.IntakeDecision;
import dev.ledgerline.ledger.submit.TransferIntake;
import dev.ledgerline.ledger.submit.TransferRequest;
import dev.ledgerline.ledger.submit.TransferRequestValidator;

/**
 * The database alone: the ledger work of a transfer (the transfer and both accounts locked, the debit, the
 * credit, two ledger entries, the final status: {@link LockingTransferApplier}, the XA consumer's code) in
 * one local transaction per transfer, from C threads in a tight loop, on a fresh database like the server's.
 * No broker, no coordinator: what neither design can exceed on this database. CPU counts this JVM and the
 * database server's processes (none for H2, which runs inside this JVM).
 */
final class DatabaseCeiling {

    static final String LATENCY_MEANING = "one local transaction: apply and commit";
    private static final int ATTEMPTS = 10;

    private final Database database;
    private final Path runsDir;

    DatabaseCeiling(Database database, Path runsDir) {
        this.database = database;
        this.runsDir = runsDir;
    }

    Row run(Workload workload, int consumers, int transfers, long seed) throws Exception {
        return run("ceiling-database-" + workload.label() + "-c" + consumers, workload, consumers, transfers, seed, null);
    }

    /**
     * An untimed pass on one thread, uniform workload, with strace attached to the database server and its
     * backends; adds the count to {@code syncs} if strace could count. Nothing to trace for H2, which runs
     * inside this JVM.
     */
    void countSyncs(int transfers, long seed, List<SyncCount> syncs) throws Exception {
        run("ceiling-database-syncs", Workload.UNIFORM, 1, transfers, seed, syncs);
    }

    private Row run(String name, Workload workload, int consumers, int transfers, long seed, List<SyncCount> syncs)
            throws Exception {
        Path dir = RunDirectory.fresh(runsDir.resolve(name));
        try (DatabaseUnderTest db = DatabaseUnderTest.start(database, dir)) {
            return measure(name, dir, db, workload, consumers, transfers, seed, syncs);
        }
    }

    private Row measure(String name, Path dir, DatabaseUnderTest db, Workload workload, int consumers, int transfers,
                        long seed, List<SyncCount> syncs) throws Exception {
        BenchDatabase.prepare(db);
        ConcurrentLinkedQueue<UUID> queued = new ConcurrentLinkedQueue<>(insertQueued(db, workload, transfers, seed));
        Latencies latencies = new Latencies();
        AtomicLong retries = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(consumers);
        Optional<SyncCounter> tracer = syncs == null || db.serverPid().isEmpty() ? Optional.empty()
                : SyncCounter.attachTree(dir.resolve("strace"), db.serverPid().getAsLong());
        Duration cpuBefore = cpu(db);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                running.add(threads.submit(() -> applyAll(db, queued, latencies, retries)));
            }
            for (Future<?> f : running) {
                f.get(15, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Duration cpu = cpu(db).minus(cpuBefore);
        if (tracer.isPresent()) {
            tracer.get().stop().ifPresent(n -> syncs.add(new SyncCount("database alone, 1 thread: apply + commit",
                    Row.CEILING + " " + Row.DATABASE_CEILING, "postgresql", latencies.count(), n)));
        }
        try (Connection c = db.connect()) {
            InvariantGate.require(name, new InvariantChecker(Clock.systemUTC()).check(c, Duration.ZERO).results());
        }
        if (retries.get() > 0) {
            System.out.println("bench: " + name + ": " + retries.get() + " transaction(s) retried after a lock timeout");
        }
        return new Row(Row.CEILING, Row.DATABASE_CEILING, workload.label(), consumers, latencies.count(),
                latencies.count() / seconds, latencies.percentiles(), cpu.toNanos() / 1e6 / Math.max(1, latencies.count()),
                null, LATENCY_MEANING);
    }

    /** This JVM's CPU time and the database server's, if it has one. */
    private static Duration cpu(DatabaseUnderTest db) {
        Duration own = ProcessMeter.cpu(ProcessHandle.current().pid());
        return db.serverPid().isPresent() ? own.plus(ProcessMeter.cpu(db.serverPid().getAsLong())) : own;
    }

    private static Void applyAll(DatabaseUnderTest db, ConcurrentLinkedQueue<UUID> queued, Latencies latencies,
                                 AtomicLong retries) throws SQLException {
        // The ceiling commits on the database alone: local transactions, no coordinator.
        LockingTransferApplier applier = new LockingTransferApplier(Clock.systemUTC(),
                new AppliedBy("bench/database-ceiling", Coordinator.NONE));
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            UUID id;
            while ((id = queued.poll()) != null) {
                long begin = System.nanoTime();
                for (int attempt = 1; ; attempt++) {
                    try {
                        applier.apply(c, id);
                        c.commit();
                        break;
                    } catch (SQLException e) {
                        // A lock wait that timed out under contention: the consumers would retry too.
                        c.rollback();
                        if (attempt == ATTEMPTS) {
                            throw e;
                        }
                        retries.incrementAndGet();
                    }
                }
                latencies.record(Duration.ofNanos(System.nanoTime() - begin));
            }
        }
        return null;
    }

    /** Queued transfers through the submission's own rules, as {@code LedgerWorker preload} inserts them. */
    private static List<UUID> insertQueued(DatabaseUnderTest db, Workload workload, int count, long seed) throws SQLException {
        TransferIntake intake = new TransferIntake(new TransferRequestValidator(
                new Money(Workload.MAX_AMOUNT_MINOR, java.util.Currency.getInstance("EUR")).toDecimal()), Clock.systemUTC());
        TransferStore store = new TransferStore();
        List<UUID> ids = new ArrayList<>(count);
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            for (var planned : workload.plan("ceiling-", TransferMode.XA, count, seed)) {
                TransferRequest request = new TransferRequest(planned.from(), planned.to(), planned.amount(), "EUR",
                        planned.idempotencyKey());
                IntakeDecision decision = intake.decide(c, request, TransferMode.XA);
                if (!(decision instanceof IntakeDecision.Accept accept)) {
                    throw new IllegalStateException("ceiling transfer " + request + " was not accepted: " + decision);
                }
                store.insert(c, accept.transfer());
                ids.add(accept.transfer().id());
            }
            c.commit();
        }
        return ids;
    }
}
