package dev.ledgerline.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The Ledgerline Narayana worker ({@code dev.ledgerline.worker.LedgerWorker}) in an operating-system process
 * of its own, so that a drill can halt it at a crash point or kill it with SIGKILL and start it again on the
 * same transaction log.
 *
 * <p>The worker's jars are taken from the directory named by the system property {@value #LIB_DIR_PROPERTY},
 * by default {@code ../worker/target/worker/lib} relative to the working directory (a sibling module's base
 * directory under Maven); this class has no compile dependency on the worker. Output (stdout and stderr) is
 * appended to the log file the caller names, so that several runs of one drill read as one story.
 */
public final class WorkerProcess implements AutoCloseable {

    public static final String LIB_DIR_PROPERTY = "ledgerline.worker.lib";
    /** The worker's line on stdout once its consumers run; it is followed by the details in parentheses. */
    public static final String READY_LINE = "Ledgerline worker ready (";

    private static final String DEFAULT_LIB_DIR = "../worker/target/worker/lib";
    private static final String MAIN_CLASS = "dev.ledgerline.worker.LedgerWorker";
    private static final String MAX_HEAP = "-Xmx256m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;

    private final Process process;
    private final Path logFile;
    private final long logStart;

    private WorkerProcess(Process process, Path logFile, long logStart) {
        this.process = process;
        this.logFile = logFile;
        this.logStart = logStart;
    }

    /**
     * Starts {@code LedgerWorker run <args>} and waits for its ready line.
     *
     * @param systemProperties extra {@code -D} settings, e.g. {@code ledgerline.crash.point}
     * @param args             the options of {@code run}, e.g. {@code "--db-url", url, "--data-dir", dir}
     * @throws IllegalStateException if the worker exits first, or is not ready within 60 s (it is then killed);
     *                               the message carries what it logged
     */
    public static WorkerProcess start(Path logFile, Map<String, String> systemProperties, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("run"));
        command.addAll(List.of(args));
        WorkerProcess worker = launch(logFile, systemProperties, command);
        worker.awaitReady();
        return worker;
    }

    /**
     * Runs a worker command that ends by itself (such as {@code preload}) and waits for it.
     *
     * @return the process's exit status
     * @throws IllegalStateException if it has not ended within {@code timeout} (it is then killed)
     */
    public static int runToEnd(Path logFile, Duration timeout, String... args) throws IOException {
        WorkerProcess worker = launch(logFile, Map.of(), List.of(args));
        OptionalInt status = worker.awaitExit(timeout);
        if (status.isEmpty()) {
            worker.kill();
            throw new IllegalStateException("worker command " + List.of(args) + " still running after " + timeout
                    + "; log " + logFile + ":\n" + worker.output());
        }
        return status.getAsInt();
    }

    private static WorkerProcess launch(Path logFile, Map<String, String> systemProperties, List<String> args)
            throws IOException {
        Path log = logFile.toAbsolutePath();
        Files.createDirectories(log.getParent());
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), MAX_HEAP));
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", workerLibDir() + File.separator + "*", MAIN_CLASS));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ProcessReaper.watch(process.toHandle());
        return new WorkerProcess(process, log, logStart);
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What this process has written to the log so far (the file may hold earlier runs too). */
    public String output() throws IOException {
        try (InputStream in = Files.newInputStream(logFile)) {
            in.skipNBytes(logStart);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Waits until the process has exited by itself, for example at a crash point (status 137).
     *
     * @return its exit status, or empty if it is still running after {@code timeout}
     */
    public OptionalInt awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            return OptionalInt.empty();
        }
        release();
        return OptionalInt.of(process.exitValue());
    }

    /** Crashes the worker (SIGKILL: no shutdown hook, nothing closed) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitGone("kill");
    }

    /** Stops the worker gracefully (SIGTERM); kills it if it has not exited within 30 s. */
    public void stop() {
        if (!process.isAlive()) {
            release();
            return;
        }
        process.destroy();
        if (!waitFor(STOP_TIMEOUT)) {
            process.destroyForcibly();
        }
        awaitGone("stop");
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (output().contains(READY_LINE)) {
                return;
            }
            if (!process.isAlive()) {
                release();
                throw new IllegalStateException("Worker exited with status " + process.exitValue()
                        + " before it was ready; log " + logFile + ":\n" + output());
            }
            sleep(POLL_MILLIS);
        }
        process.destroyForcibly();
        awaitGone("start timeout");
        throw new IllegalStateException("Worker not ready within " + START_TIMEOUT.toSeconds() + " s; log "
                + logFile + ":\n" + output());
    }

    private void awaitGone(String action) {
        if (!waitFor(STOP_TIMEOUT)) {
            throw new IllegalStateException("Worker process " + pid() + " still alive " + STOP_TIMEOUT.toSeconds()
                    + " s after " + action);
        }
        release();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for worker process " + pid(), e);
        }
    }

    private void release() {
        ProcessReaper.release(process.toHandle());
    }

    private static Path workerLibDir() {
        Path dir = Path.of(System.getProperty(LIB_DIR_PROPERTY, DEFAULT_LIB_DIR)).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Worker lib directory " + dir + " does not exist: "
                    + "package the worker module first, or point -D" + LIB_DIR_PROPERTY + " at it");
        }
        return dir;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the worker to start", e);
        }
    }
}
