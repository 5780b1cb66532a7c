package dev.ledgerline.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

import dev.ledgerline.testkit.ProcessReaper;

/**
 * Counts the forced disk syncs ({@code fsync}, {@code fdatasync}) of running processes with {@code strace -c},
 * attached by PID. Tracing stops a process at every system call, so it is used only in passes whose timing is
 * not reported. Where strace is missing or cannot attach, there is no count, and the report says so.
 */
final class SyncCounter implements AutoCloseable {

    private static final List<String> SYNC_CALLS = List.of("fsync", "fdatasync");
    private static final Duration ATTACH_DEADLINE = Duration.ofSeconds(20);
    private static final Duration DETACH_DEADLINE = Duration.ofSeconds(30);

    private final Process strace;
    private final Path summary;
    private final Path log;

    private SyncCounter(Process strace, Path summary, Path log) {
        this.strace = strace;
        this.summary = summary;
        this.log = log;
    }

    /** Attaches to every thread of each process; empty if strace is not installed or could not attach. */
    static Optional<SyncCounter> attach(Path dir, long... pids) throws IOException {
        Path strace = Path.of("/usr/bin/strace");
        if (!Files.isExecutable(strace)) {
            return Optional.empty();
        }
        Files.createDirectories(dir);
        Path summary = dir.resolve("strace-summary.txt");
        Path log = dir.resolve("strace.log");
        List<String> command = new ArrayList<>(List.of(strace.toString(), "-f", "-c", "-e", "trace=" + String.join(",", SYNC_CALLS),
                "-o", summary.toString()));
        for (long pid : pids) {
            command.addAll(List.of("-p", Long.toString(pid)));
        }
        Process process = ProcessReaper.start(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()));
        SyncCounter counter = new SyncCounter(process, summary, log);
        try {
            // strace says "Process N attached" once per process it has stopped and hooked.
            await("strace attaches").atMost(ATTACH_DEADLINE).pollInterval(Duration.ofMillis(100)).until(() ->
                    !process.isAlive() || Files.readAllLines(log).stream().filter(l -> l.contains("attached")).count() >= pids.length);
        } catch (ConditionTimeoutException e) {
            counter.close();
            return Optional.empty();
        }
        if (!process.isAlive()) {
            return Optional.empty();
        }
        return Optional.of(counter);
    }

    /** Detaches (strace prints its summary on SIGTERM) and returns the sync calls it saw; empty if it printed none. */
    Optional<Long> stop() throws IOException, InterruptedException {
        ProcessReaper.terminate(strace.toHandle());
        if (!strace.waitFor(DETACH_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            close();
            return Optional.empty();
        }
        return Files.exists(summary) ? parseSyncCalls(Files.readString(summary)) : Optional.empty();
    }

    /** Sums the calls column of {@code strace -c}'s rows for fsync and fdatasync; zero if it saw none. */
    static Optional<Long> parseSyncCalls(String summary) {
        if (!summary.contains("% time")) {
            return Optional.empty();
        }
        long calls = 0;
        for (String line : summary.lines().toList()) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 5 && SYNC_CALLS.contains(columns[columns.length - 1])) {
                calls += Long.parseLong(columns[3]);
            }
        }
        return Optional.of(calls);
    }

    @Override
    public void close() {
        if (strace.isAlive()) {
            ProcessReaper.kill(strace.toHandle(), DETACH_DEADLINE);
        }
    }
}
