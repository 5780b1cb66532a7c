package dev.ledgerline.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

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

    private final ChildJvm jvm;

    private WorkerProcess(ChildJvm jvm) {
        this.jvm = jvm;
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
        worker.jvm.awaitLine(READY_LINE, START_TIMEOUT);
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
        return new WorkerProcess(ChildJvm.launch("worker", ChildJvm.libDir(LIB_DIR_PROPERTY, DEFAULT_LIB_DIR, "worker"),
                MAIN_CLASS, MAX_HEAP, systemProperties, args, logFile));
    }

    public long pid() {
        return jvm.pid();
    }

    public Path logFile() {
        return jvm.logFile();
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** What this process has written to the log so far (the file may hold earlier runs too). */
    public String output() throws IOException {
        return jvm.output();
    }

    /**
     * Waits until the process has exited by itself, for example at a crash point (status 137).
     *
     * @return its exit status, or empty if it is still running after {@code timeout}
     */
    public OptionalInt awaitExit(Duration timeout) {
        return jvm.awaitExit(timeout);
    }

    /** Crashes the worker (SIGKILL: no shutdown hook, nothing closed) and waits until it is gone. */
    public void kill() {
        jvm.kill();
    }

    /** Stops the worker gracefully (SIGTERM); kills it if it has not exited within 30 s. */
    public void stop() {
        jvm.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
