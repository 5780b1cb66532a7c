package dev.ledgerline.harness.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ledgerline.harness.database.DatabaseUnderTest;
import dev.ledgerline.ledger.messaging.BrokerUser;
import dev.ledgerline.testkit.WorkerProcess;

/**
 * The Narayana worker's command lines against one run's database and broker (or broker pair, with
 * {@code brokerBackupUrl}), its output appended to one log
 * so that the preload, a crashed run and the restart read as one story.
 */
public record WorkerCommandLine(DatabaseUnderTest db, String brokerUrl, String brokerBackupUrl, Path log) {

    /** Against one broker. */
    public WorkerCommandLine(DatabaseUnderTest db, String brokerUrl, Path log) {
        this(db, brokerUrl, null, log);
    }

    /**
     * Runs {@code LedgerWorker preload}: {@code count} queued XA transfers, rows and messages, put straight on
     * {@code transfers.xa}, as a backlog for the worker to drain.
     *
     * @param options further preload options, e.g. {@code "--accounts", "A,B"}
     * @return the preload's exit status
     */
    public int preload(Duration deadline, int count, long seed, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("preload"));
        args.addAll(connection());
        args.addAll(List.of("--count", String.valueOf(count), "--seed", String.valueOf(seed)));
        args.addAll(List.of(options));
        return WorkerProcess.runToEnd(log, deadline, args.toArray(String[]::new));
    }

    /**
     * The options of {@code LedgerWorker run} with {@code consumers} XA consumers, its transaction log in
     * {@code dataDir} and its status on {@code statusPort}.
     *
     * @param options further run options, e.g. a short recovery period
     */
    public String[] run(Path dataDir, int consumers, int statusPort, String... options) {
        List<String> args = new ArrayList<>(connection());
        args.addAll(List.of("--data-dir", dataDir.toString(), "--consumers", String.valueOf(consumers)));
        args.addAll(List.of(options));
        args.addAll(List.of("--http-port", String.valueOf(statusPort)));
        return args.toArray(String[]::new);
    }

    /** Starts the worker with {@code runOptions} (from {@link #run}) and returns once it is ready. */
    public WorkerProcess start(Map<String, String> systemProperties, String... runOptions) throws IOException {
        return WorkerProcess.start(log, systemProperties, runOptions);
    }

    /**
     * The broker login is the worker's own user; its password is not on the command line, where every user
     * of the machine could read it: the worker reads it from LEDGERLINE_BROKER_WORKER_PASSWORD, which it
     * inherits from this process as the broker that the same run started did, so the two agree.
     */
    private List<String> connection() {
        List<String> args = new ArrayList<>(List.of("--db-url", db.jdbcUrl(), "--db-user", db.user(),
                "--db-password", db.password(), "--broker-url", brokerUrl, "--broker-user", BrokerUser.WORKER.userName()));
        if (brokerBackupUrl != null) {
            // The backup of a replication pair whose primary is brokerUrl: the worker fails over to it.
            args.addAll(List.of("--broker-backup-url", brokerBackupUrl));
        }
        return args;
    }
}
