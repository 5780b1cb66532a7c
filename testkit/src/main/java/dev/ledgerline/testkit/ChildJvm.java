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
 * A Java program of this project running in an operating-system process of its own, from the jars a module
 * copied into its lib directory, with its output appended to a log file: what {@link BrokerProcess} and
 * {@link WorkerProcess} are made of. A test owns the process: it can wait for a line, kill it with SIGKILL
 * like a crash, or stop it with SIGTERM, and the JVM's shutdown kills it if the test could not (all through
 * {@link ProcessReaper}).
 */
final class ChildJvm {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;

    private final String name;
    private final Process process;
    private final Path logFile;
    private final long logStart;

    private ChildJvm(String name, Process process, Path logFile, long logStart) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.logStart = logStart;
    }

    /**
     * @param name      what the process is, for messages ("broker", "worker")
     * @param maxHeap   e.g. {@code -Xmx512m}: these programs run beside Maven and Liberty on a small machine,
     *                  and the JVM's default (a quarter of the memory) is far more than they need
     */
    static ChildJvm launch(String name, Path libDir, String mainClass, String maxHeap,
                           Map<String, String> systemProperties, List<String> args, Path logFile) throws IOException {
        Path log = logFile.toAbsolutePath();
        Files.createDirectories(log.getParent());
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), maxHeap));
        systemProperties.forEach((property, value) -> command.add("-D" + property + "=" + value));
        command.addAll(List.of("-cp", libDir + File.separator + "*", mainClass));
        command.addAll(args);
        Process process = ProcessReaper.start(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
        return new ChildJvm(name, process, log, logStart);
    }

    /** The lib directory named by {@code property}, or the default relative to the working directory. */
    static Path libDir(String property, String defaultDir, String module) {
        Path dir = Path.of(System.getProperty(property, defaultDir)).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(module + " lib directory " + dir + " does not exist: package the " + module
                    + " module first, or point -D" + property + " at it");
        }
        return dir;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What this process has written to the log so far (the file may hold earlier runs too). */
    String output() throws IOException {
        try (InputStream in = Files.newInputStream(logFile)) {
            in.skipNBytes(logStart);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Waits until the process has logged {@code line}.
     *
     * @throws IllegalStateException if it exits first, or has not logged it within {@code timeout} (it is then
     *                               killed); the message carries what it logged
     */
    void awaitLine(String line, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (output().contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(capitalized() + " exited with status " + process.exitValue()
                        + " before it was ready; log " + logFile + ":\n" + output());
            }
            sleep(POLL_MILLIS);
        }
        kill();
        throw new IllegalStateException(capitalized() + " not ready within " + timeout.toSeconds() + " s (no line \""
                + line + "\"); log " + logFile + ":\n" + output());
    }

    /** @return the exit status, or empty if the process is still running after {@code timeout} */
    OptionalInt awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(process.exitValue());
    }

    /** SIGKILL: no shutdown hook, nothing closed, like a crash; returns once the process is gone. */
    void kill() {
        ProcessReaper.kill(process.toHandle(), STOP_TIMEOUT);
    }

    /** SIGTERM, then SIGKILL if the process has not exited within 30 s. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        ProcessReaper.terminate(process.toHandle());
        if (!waitFor(STOP_TIMEOUT)) {
            kill();
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name + " process " + pid(), e);
        }
    }

    private String capitalized() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the " + name + " to start", e);
        }
    }
}
