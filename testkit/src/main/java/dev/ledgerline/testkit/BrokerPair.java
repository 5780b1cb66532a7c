package dev.ledgerline.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.ledgerline.ledger.messaging.BrokerUrl;

/**
 * Two Ledgerline brokers as a replication pair, each in a process of its own with its own journal: a primary
 * that serves the clients and a backup that keeps a synchronized copy and takes over when the primary dies.
 * Clients connect with {@link #clientUrl()} and fail over by themselves. A test crashes the primary with
 * {@code primary().kill()}, waits for the backup with {@link #awaitBackupActive()}, and brings the primary back
 * with {@link #restartPrimary()}, which returns once the primary has taken its role back.
 *
 * <p>Each broker's journal and log are in a directory of its own under the pair's ({@code primary/},
 * {@code backup/}); their ports are fixed for the pair's life, since each names the other's.
 */
public final class BrokerPair implements AutoCloseable {

    /** A backup copies the primary's whole journal before it is in sync; a fresh one is a few MiB. */
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

    private final Path primaryDir;
    private final int primaryPort;
    private final Path backupDir;
    private final int backupPort;
    private BrokerProcess backup;
    private BrokerProcess primary;

    private BrokerPair(Path primaryDir, int primaryPort, BrokerProcess primary, Path backupDir, BrokerProcess backup) {
        this.primaryDir = primaryDir;
        this.primaryPort = primaryPort;
        this.primary = primary;
        this.backupDir = backupDir;
        this.backupPort = backup.port();
        this.backup = backup;
    }

    /**
     * Starts the primary, waits until it serves clients, then starts the backup and waits until its copy of
     * the primary's journal is in sync, so that a crash of the primary from then on loses nothing.
     *
     * @throws IllegalStateException if either broker exits or is not there in time (both are then stopped); the
     *                               message carries what it logged
     */
    public static BrokerPair start(Path dir, int primaryPort, int backupPort) throws IOException {
        Path primaryDir = dir.resolve("primary");
        BrokerProcess primary = BrokerProcess.start(primaryDir, primaryPort, pairArgs("primary", backupPort));
        BrokerProcess backup = null;
        try {
            backup = BrokerProcess.launch(dir.resolve("backup"), backupPort, pairArgs("backup", primaryPort));
            backup.awaitOutput("Ledgerline broker passive on " + backup.url() + ": replica in sync", SYNC_TIMEOUT);
            return new BrokerPair(primaryDir, primaryPort, primary, dir.resolve("backup"), backup);
        } catch (IOException | RuntimeException e) {
            if (backup != null) {
                backup.stop();
            }
            primary.stop();
            throw e;
        }
    }

    /** The primary as it runs now: {@link #restartPrimary()} replaces it with a new process. */
    public BrokerProcess primary() {
        return primary;
    }

    public BrokerProcess backup() {
        return backup;
    }

    /** The URL a client of the pair connects with: it reaches whichever broker is active, and fails over. */
    public String clientUrl() {
        return BrokerUrl.failover(primary.url(), backup.url());
    }

    /** Waits until the backup has taken over and serves clients, after the primary died. */
    public void awaitBackupActive() throws IOException {
        backup.awaitReady();
    }

    /**
     * Starts the primary again on its journal, after it died and its backup took over. It finds the backup
     * active, copies the backup's journal, and takes its role back; the backup starts again as its replica.
     * Returns once the primary serves clients and the backup's copy is in sync again.
     *
     * @throws IllegalStateException if the primary is still running, exits, or does not get there in time
     */
    public BrokerProcess restartPrimary() throws IOException {
        if (primary.isAlive()) {
            throw new IllegalStateException("the primary still runs, pid " + primary.pid());
        }
        primary = BrokerProcess.launch(primaryDir, primaryPort, pairArgs("primary", backup.port()));
        primary.awaitReady();
        primary.awaitOutput("Ledgerline broker active on " + primary.url() + ": replica on " + backup.url()
                + " in sync", SYNC_TIMEOUT);
        return primary;
    }

    /**
     * Starts the backup again on its journal, after it died while the primary served: it copies the primary's
     * journal afresh and returns once its copy is in sync, so that the pair can lose its primary again.
     *
     * @throws IllegalStateException if the backup is still running, exits, or is not in sync in time
     */
    public BrokerProcess restartBackup() throws IOException {
        if (backup.isAlive()) {
            throw new IllegalStateException("the backup still runs, pid " + backup.pid());
        }
        backup = BrokerProcess.launch(backupDir, backupPort, pairArgs("backup", primaryPort));
        backup.awaitOutput("Ledgerline broker passive on " + backup.url() + ": replica in sync", SYNC_TIMEOUT);
        return backup;
    }

    /**
     * Stops the backup first, then the primary: stopped the other way round, the backup would take over for
     * nothing.
     */
    @Override
    public void close() {
        try {
            backup.stop();
        } finally {
            primary.stop();
        }
    }

    private static String[] pairArgs(String role, int peerPort) {
        return new String[] {"--role", role, "--peer-host", BrokerProcess.HOST, "--peer-port", Integer.toString(peerPort)};
    }
}
