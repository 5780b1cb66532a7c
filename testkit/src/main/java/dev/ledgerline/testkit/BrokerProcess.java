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
import java.util.concurrent.TimeUnit;

/**
 * The Ledgerline broker running in an operating-system process of its own, so that a test can kill it with
 * SIGKILL like a real crash and start it again on the same journal.
 *
 * <p>The broker's jars are taken from the directory named by the system property {@value #LIB_DIR_PROPERTY},
 * by default {@code ../broker/target/broker/lib} relative to the working directory (a sibling module's base
 * directory under Maven). Its stdout and stderr are appended to {@code broker.log} in the data directory.
 */
public final class BrokerProcess implements AutoCloseable {

    public static final String LIB_DIR_PROPERTY = "ledgerline.broker.lib";
    public static final String HOST = "127.0.0.1";

    private static final String DEFAULT_LIB_DIR = "../broker/target/broker/lib";
    private static final String MAIN_CLASS = "dev.ledgerline.broker.LedgerBroker";
    private static final String LOG_FILE = "broker.log";
    /**
     * Bounds the broker's heap: tests run it beside Maven and often Liberty, and the JVM's default (a quarter
     * of the machine's memory) is far more than a test broker needs. Artemis pages to disk beyond half of it.
     */
    private static final String MAX_HEAP = "-Xmx512m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path logFile;

    private BrokerProcess(Process process, int port, Path dataDir, Path logFile) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port} with its journal in {@code dataDir} and waits until it reports
     * itself ready.
     *
     * @param extraArgs further broker options, for example {@code "--max-delivery-attempts", "2"}
     * @throws IllegalStateException if the broker exits, or is not ready within 60 s (it is then killed); the
     *                               message carries what the broker logged
     */
    public static BrokerProcess start(Path dataDir, int port, String... extraArgs) throws IOException {
        Path data = Files.createDirectories(dataDir).toAbsolutePath();
        Path log = data.resolve(LOG_FILE);
        long logStart = Files.exists(log) ? Files.size(log) : 0;

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                MAX_HEAP,
                "-cp", brokerLibDir() + File.separator + "*",
                MAIN_CLASS,
                "--data-dir", data.toString(),
                "--host", HOST,
                "--port", Integer.toString(port)));
        command.addAll(List.of(extraArgs));

        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ProcessReaper.watch(process.toHandle());
        BrokerProcess broker = new BrokerProcess(process, port, data, log);
        broker.awaitReady(logStart);
        return broker;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    /** Core-protocol URL for the Artemis clients, for example {@code tcp://127.0.0.1:61616}. */
    public String url() {
        return "tcp://" + HOST + ":" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Crashes the broker (SIGKILL: no shutdown hook, no orderly journal close) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit("kill");
    }

    /** Stops the broker gracefully (SIGTERM); kills it if it has not exited within the stop timeout. */
    public void stop() {
        if (!process.isAlive()) {
            release();
            return;
        }
        process.destroy();
        if (!waitFor(STOP_TIMEOUT)) {
            process.destroyForcibly();
        }
        awaitExit("stop");
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady(long logStart) throws IOException {
        String readyLine = "Ledgerline broker ready on " + url();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (logSince(logStart).contains(readyLine)) {
                return;
            }
            if (!process.isAlive()) {
                release();
                throw new IllegalStateException("Broker exited with status " + process.exitValue()
                        + " before it was ready on " + url() + "; log " + logFile + ":\n" + logSince(logStart));
            }
            sleep(POLL_MILLIS);
        }
        process.destroyForcibly();
        awaitExit("start timeout");
        throw new IllegalStateException("Broker not ready on " + url() + " within " + START_TIMEOUT.toSeconds()
                + " s; log " + logFile + ":\n" + logSince(logStart));
    }

    /** What this run appended to the log, which may already hold earlier runs on the same data directory. */
    private String logSince(long offset) throws IOException {
        try (InputStream in = Files.newInputStream(logFile)) {
            in.skipNBytes(offset);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void awaitExit(String action) {
        if (!waitFor(STOP_TIMEOUT)) {
            throw new IllegalStateException("Broker process " + pid() + " still alive " + STOP_TIMEOUT.toSeconds()
                    + " s after " + action);
        }
        release();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for broker process " + pid(), e);
        }
    }

    private void release() {
        ProcessReaper.release(process.toHandle());
    }

    private static Path brokerLibDir() {
        Path dir = Path.of(System.getProperty(LIB_DIR_PROPERTY, DEFAULT_LIB_DIR)).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Broker lib directory " + dir + " does not exist: "
                    + "package the broker module first, or point -D" + LIB_DIR_PROPERTY + " at it");
        }
        return dir;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker to start", e);
        }
    }
}
