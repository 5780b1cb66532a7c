package dev.ledgerline.testkit;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's {@code postgresql} package) running as a child process, so that a test or
 * a drill can kill it with SIGKILL like a crash and start it again on the same data directory.
 *
 * <p>The first start runs {@code initdb} into the data directory; later starts reuse what is there. The server
 * listens on 127.0.0.1 only, keeps its unix socket inside the data directory (reachable by its owner only), allows
 * prepared transactions (XA) and writes every commit to disk ({@code fsync=on}, the default, stated so that a
 * drill never runs on a server that may lose a commit). It holds role {@value #USER} (password
 * {@value #PASSWORD}: a throwaway server on loopback, never a production credential) and database
 * {@value #DATABASE} owned by it. Output goes to {@code postgres.log} in the data directory. Every program it
 * runs is started and ended through {@link ProcessReaper}, whose shutdown hook gives a server that the JVM did
 * not close a fast shutdown.
 *
 * <p>initdb and postgres refuse to run as root. When this JVM runs as root they run as the {@code postgres}
 * operating-system user that the package creates, through {@code setpriv}, which execs the program in place:
 * the child process is the postmaster itself, so {@link #pid()} and {@link #kill()} reach it directly. Every
 * folder above the data directory must then be searchable by that user (a JUnit {@code @TempDir} is not).
 */
public final class PostgresServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final String USER = "ledgerline";
    public static final String PASSWORD = "ledgerline";
    public static final String DATABASE = "ledger";
    /**
     * The schema a cluster's Liberty servers keep their transaction logs in (topology-cluster.xml). Outside the
     * ledger's own schema, because Liberty creates its tables when it starts, before the application migrates,
     * and Flyway refuses to migrate a schema that holds tables it did not make; and it must exist before the
     * first server starts, because Liberty creates tables but not schemas.
     */
    public static final String TRANSACTION_LOG_SCHEMA = "transaction_log";
    /** Overrides where the PostgreSQL programs are, e.g. {@code /usr/lib/postgresql/15/bin}. */
    public static final String BIN_DIR_PROPERTY = "ledgerline.postgres.bin";

    /**
     * Room for every XA branch that can be prepared at once: Liberty's XA pool (30 by default) plus a
     * standalone worker's. With the server default (0) PREPARE TRANSACTION fails and XA is impossible.
     */
    static final int MAX_PREPARED_TRANSACTIONS = 64;

    private static final String SUPERUSER = "postgres";
    private static final String OS_USER = "postgres";
    private static final String LOG_FILE = "postgres.log";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Where a cluster goes when the postgres user cannot reach the directory asked for (see placeFor). */
    private static final String RELOCATED_ROOT = "/var/tmp/ledgerline-postgres";
    /** Working directory of the server's programs: one the postgres user can enter, whoever started us. */
    private static final File NEUTRAL_DIR = new File("/");

    private final Path dataDir;
    private final int port;
    private final Path binDir;
    /**
     * The directory of the server's unix socket, through which the superuser creates the role and database.
     * Not the data directory: a socket path may not exceed 107 bytes, and a drill's data directory under a
     * deep checkout does.
     */
    private Path socketDir;
    private Process process;

    private PostgresServer(Path dataDir, int port, Path binDir) {
        this.dataDir = dataDir;
        this.port = port;
        this.binDir = binDir;
    }

    /**
     * Starts PostgreSQL on {@code 127.0.0.1:port} with its data in {@code dataDir} (initialised first if it
     * holds no cluster yet), waits until it accepts connections, and creates the role and database if they
     * are missing.
     *
     * @throws IllegalStateException if initdb fails, or the server exits or is not ready within 60 s; the
     *                               message carries what it printed
     */
    public static PostgresServer start(Path dataDir, int port) throws IOException, InterruptedException {
        PostgresServer server = new PostgresServer(placeFor(dataDir.toAbsolutePath().normalize()), port, binDir());
        if (!Files.exists(server.dataDir.resolve("PG_VERSION"))) {
            server.initdb();
        }
        server.launch();
        server.createRoleAndDatabase();
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    /**
     * What a Ledgerline server needs in its environment to run on this server: server.xml's database settings
     * (LEDGERLINE_DB and the LEDGERLINE_DB_* variables of db-postgresql.xml).
     */
    public Map<String, String> ledgerlineEnvironment() {
        return Map.of("LEDGERLINE_DB", "postgresql",
                "LEDGERLINE_DB_HOST", HOST,
                "LEDGERLINE_DB_PORT", String.valueOf(port),
                "LEDGERLINE_DB_NAME", DATABASE,
                "LEDGERLINE_DB_USER", USER,
                "LEDGERLINE_DB_PASSWORD", PASSWORD);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The postmaster's PID (the child process itself: setpriv execs it). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Crashes the server: SIGKILL to the postmaster and every backend it forked, as a power cut would stop them.
     * Killing only the postmaster would leave its backends attached to the shared memory for a moment, and a
     * restart would refuse to start beside them.
     */
    public void kill() {
        ProcessReaper.kill(process.toHandle(), STOP_TIMEOUT);
    }

    /**
     * Stops the server with a fast shutdown (SIGINT: open transactions are rolled back, prepared ones stay,
     * everything committed is on disk); SIGKILL if it has not exited within 30 s. SIGTERM would be a smart
     * shutdown, which waits for every client to disconnect, and a pool never does.
     */
    public void stop() throws IOException, InterruptedException {
        if (!isAlive()) {
            return;
        }
        ProcessReaper.interrupt(process.toHandle());
        // The postmaster exits last, after its backends: once it has gone, nothing of the tree is left.
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
    }

    /** Waits until the server exits (stopped, killed, or crashed) and returns its exit status. */
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Starts the server again on the same data directory and port, e.g. after {@link #kill()}. */
    public void restart() throws IOException, InterruptedException {
        if (isAlive()) {
            throw new IllegalStateException("PostgreSQL is still running, pid " + pid());
        }
        launch();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    private void initdb() throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        try (Stream<Path> entries = Files.list(dataDir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException("PostgreSQL data directory " + dataDir + " is not empty and holds no cluster");
            }
        }
        handOverToServerUser(dataDir);
        // Local (unix socket) connections need no password: the socket lives in a directory only the server's
        // user can enter (see socketDir). TCP connections on loopback need the role's password.
        runToCompletion(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER,
                "--encoding=UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256"));
    }

    private void launch() throws IOException {
        Path log = dataDir.resolve(LOG_FILE);
        List<String> command = asServerUser(List.of(binDir.resolve("postgres").toString(), "-D", dataDir.toString(),
                "-p", Integer.toString(port),
                "-c", "listen_addresses=" + HOST,
                "-c", "unix_socket_directories=" + socketDir(),
                "-c", "max_prepared_transactions=" + MAX_PREPARED_TRANSACTIONS,
                "-c", "fsync=on",
                "-c", "synchronous_commit=on"));
        process = ProcessReaper.start(new ProcessBuilder(command)
                .directory(NEUTRAL_DIR)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())), this::stopQuietly);
        try {
            await("PostgreSQL accepts connections on " + HOST + ":" + port).atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("PostgreSQL exited with status " + process.exitValue()
                                    + " before it was ready; log " + log + ":\n" + tail(log));
                        }
                        return isReady();
                    });
        } catch (RuntimeException e) {
            killQuietly();
            throw e;
        }
    }

    private boolean isReady() throws IOException, InterruptedException {
        Process probe = ProcessReaper.start(new ProcessBuilder(binDir.resolve("pg_isready").toString(), "-q",
                "-h", HOST, "-p", Integer.toString(port)).redirectErrorStream(true));
        if (!probe.waitFor(10, TimeUnit.SECONDS)) {
            ProcessReaper.kill(probe.toHandle(), STOP_TIMEOUT);
            return false;
        }
        return probe.exitValue() == 0;
    }

    /**
     * Creates role, database and the transaction-log schema unless they exist, through psql on the unix socket
     * as the superuser.
     */
    private void createRoleAndDatabase() throws IOException, InterruptedException {
        if (psql(SUPERUSER, "postgres", "SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'").isBlank()) {
            psql(SUPERUSER, "postgres", "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
        }
        if (psql(SUPERUSER, "postgres", "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'").isBlank()) {
            psql(SUPERUSER, "postgres", "CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
        psql(SUPERUSER, DATABASE, "CREATE SCHEMA IF NOT EXISTS " + TRANSACTION_LOG_SCHEMA + " AUTHORIZATION " + USER);
    }

    private String psql(String user, String database, String sql) throws IOException, InterruptedException {
        return runToCompletion(List.of(binDir.resolve("psql").toString(), "-h", socketDir().toString(),
                "-p", Integer.toString(port), "-U", user, "-d", database, "-X", "-v", "ON_ERROR_STOP=1", "-tA",
                "-c", sql));
    }

    /** Runs a program as the server's user and returns its output; fails with that output if it fails. */
    private String runToCompletion(List<String> command) throws IOException, InterruptedException {
        Process p = ProcessReaper.start(new ProcessBuilder(asServerUser(command)).directory(NEUTRAL_DIR)
                .redirectErrorStream(true));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            ProcessReaper.kill(p.toHandle(), STOP_TIMEOUT);
            throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                    + START_TIMEOUT.toSeconds() + " s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with status " + p.exitValue()
                    + ":\n" + output);
        }
        return output.strip();
    }

    private static List<String> asServerUser(List<String> command) {
        if (!runsAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + OS_USER, "--regid=" + OS_USER,
                "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Where the cluster really lives. The postgres user must be able to walk down to its data directory; a
     * checkout under a directory only root may enter (such as {@code /root}) would stop it. The cluster then
     * lives under {@value #RELOCATED_ROOT}, one directory per requested path, and the requested path becomes
     * a symbolic link to it, so the data are where the caller looks and survive a restart of the machine.
     */
    static Path placeFor(Path requested) throws IOException {
        if (!runsAsRoot() || enterableByOthers(requested.getParent())) {
            return requested;
        }
        if (Files.isSymbolicLink(requested)) {
            return requested.toRealPath();
        }
        String key = Integer.toHexString(requested.toString().hashCode()) + "-" + requested.getFileName();
        Path relocated = Path.of(RELOCATED_ROOT, key);
        // No link yet means the caller's directory is new (or was wiped): a cluster left here by an earlier
        // link is not the caller's any more.
        LibertyServer.deleteTree(relocated);
        Files.createDirectories(relocated);
        Files.createDirectories(requested.getParent());
        if (Files.exists(requested)) {
            try (Stream<Path> entries = Files.list(requested)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException("PostgreSQL data directory " + requested + " is not empty, and the "
                            + OS_USER + " user cannot reach it: move it under a directory others may enter");
                }
            }
            Files.delete(requested);
        }
        Files.createSymbolicLink(requested, relocated);
        return relocated;
    }

    private static boolean enterableByOthers(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    /** A short directory of its own (only the server's user may enter it), made once per server. */
    private Path socketDir() throws IOException {
        if (socketDir == null) {
            socketDir = Files.createTempDirectory("ledgerline-pg-");
            try {
                handOverToServerUser(socketDir);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while handing " + socketDir + " to " + OS_USER, e);
            }
        }
        return socketDir;
    }

    /** initdb and postgres insist that the data directory belongs to the user they run as. */
    private static void handOverToServerUser(Path dir) throws IOException, InterruptedException {
        if (!runsAsRoot()) {
            return;
        }
        Process chown = ProcessReaper.start(new ProcessBuilder("chown", OS_USER + ":" + OS_USER, dir.toString())
                .inheritIO());
        if (chown.waitFor() != 0) {
            throw new IllegalStateException("could not give " + dir + " to the " + OS_USER + " user");
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest PostgreSQL installed the Debian way, unless {@value #BIN_DIR_PROPERTY} names one. */
    static Path binDir() throws IOException {
        String configured = System.getProperty(BIN_DIR_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                var newest = dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
                        .filter(d -> Files.isExecutable(d.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            }
        }
        throw new IllegalStateException("no PostgreSQL found under " + versions
                + ": install Debian's postgresql package, or set -D" + BIN_DIR_PROPERTY);
    }

    private void killQuietly() {
        try {
            ProcessReaper.kill(process.toHandle(), STOP_TIMEOUT);
        } catch (IllegalStateException e) {
            // Said already by whoever called this: the server did not start, or would not stop.
        }
    }

    /**
     * What {@link ProcessReaper}'s shutdown hook does to a server still running: a JVM that exits without
     * closing it (a failed test, Ctrl-C of the Quick start) must not leave it running, and a fast shutdown
     * spares the next start a crash recovery. It takes well under a second; SIGKILL if it hangs.
     */
    private void stopQuietly() {
        try {
            if (isAlive()) {
                ProcessReaper.interrupt(process.toHandle());
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    killQuietly();
                }
            }
        } catch (IOException | InterruptedException e) {
            killQuietly();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
