package dev.ledgerline.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;


/**
 * The Liberty server the build created, run as a child process by a test that needs to kill it: started
 * with {@code server run} in the foreground, so the test owns the process and every descendant, and can
 * SIGKILL them by PID (through {@link ProcessReaper}, which also ends them if the JVM exits first). The
 * application is deployed by copying the EAR into dropins.
 */
public final class LibertyServer implements AutoCloseable {

    private static final String SERVER = "ledgerline";
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path wlpHome;
    private final Map<String, String> environment;
    private final Path consoleLog;
    private Process process;

    /**
     * @param environment server.xml's variables in their environment form (LEDGERLINE_HTTP_PORT=...), added to
     *                    this process's own; the broker login needs none: the server reads the same
     *                    LEDGERLINE_BROKER_SERVER_PASSWORD as the broker this process starts (else both the demo default)
     */
    public LibertyServer(Path wlpHome, Map<String, String> environment, Path consoleLog) {
        this.wlpHome = wlpHome;
        this.environment = Map.copyOf(environment);
        this.consoleLog = consoleLog;
    }

    /** The server's configuration: server.xml, the adapter, dropins. */
    public Path serverDir() {
        return wlpHome.resolve("usr/servers/" + SERVER);
    }

    /**
     * Where the server writes: logs, workarea, tranlog. The server directory itself unless the environment
     * sets WLP_OUTPUT_DIR, as the drills and the crash tests do so that each keeps its own logs.
     */
    public Path outputDir() {
        String output = environment.get("WLP_OUTPUT_DIR");
        return output == null ? serverDir() : Path.of(output).resolve(SERVER);
    }

    /**
     * Deploys the EAR and clears what an earlier run left: the transaction log, the dropins, and the workarea.
     * The workarea caches the configuration of the last start: a server started with LEDGERLINE_DB=postgresql
     * right after one on H2 included db-postgresql.xml and still ran on H2's data sources from that cache.
     */
    public void prepare(Path ear) throws IOException {
        deleteTree(outputDir().resolve("workarea"));
        deleteTree(outputDir().resolve("tranlog"));
        deleteTree(serverDir().resolve("dropins"));
        Files.createDirectories(serverDir().resolve("dropins"));
        Files.copy(ear, serverDir().resolve("dropins/ledgerline.ear"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Starts the server with extra JVM arguments (e.g. a Java agent); returns once the process runs. */
    public void start(String jvmArgs) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("server already running, pid " + process.pid());
        }
        var builder = new ProcessBuilder(wlpHome.resolve("bin/server").toString(), "run", SERVER)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("JVM_ARGS", jvmArgs);
        // An aborted test or drill must not leave a server holding its ports (and, for Arquillian, its name).
        process = ProcessReaper.start(builder);
    }

    /**
     * Waits until {@code probe} says the application is up, failing early if the server dies.
     *
     * @param probe e.g. a GET of a known resource; it should answer false, not throw, while nothing listens
     */
    public void awaitApplication(java.util.function.BooleanSupplier probe, Duration deadline) {
        await("Liberty serves the application").atMost(deadline).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Liberty exited with " + process.exitValue() + "; see " + consoleLog);
                    }
                    return probe.getAsBoolean();
                });
    }

    /** The PID of the server JVM's launcher ({@code server run} execs java, so it is the JVM itself). */
    public long pid() {
        return process.pid();
    }

    /** Waits until the server process has gone by itself (e.g. halted by an injected crash). */
    public void awaitExit(Duration deadline) {
        await("Liberty exits").atMost(deadline).until(() -> !isRunning());
    }

    public boolean isRunning() {
        return process != null && ProcessReaper.isAnyAlive(process.toHandle());
    }

    /** SIGKILL to the server JVM and its launcher: no shutdown hook, no orderly close, like a power cut. */
    public void kill() {
        if (process != null) {
            ProcessReaper.kill(process.toHandle(), KILL_TIMEOUT);
        }
    }

    /** An orderly stop through Liberty's own command; SIGKILL if it does not finish in time. */
    public void stop() throws IOException, InterruptedException {
        if (!isRunning()) {
            return;
        }
        var stop = new ProcessBuilder(wlpHome.resolve("bin/server").toString(), "stop", SERVER)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        stop.environment().putAll(environment);
        Process stopping = ProcessReaper.start(stop);
        if (!stopping.waitFor(STOP_COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            ProcessReaper.kill(stopping.toHandle(), KILL_TIMEOUT);
        }
        if (isRunning()) {
            kill();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            deleteTree(serverDir().resolve("dropins"));
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
