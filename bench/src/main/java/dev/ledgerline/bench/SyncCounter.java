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
 * Counts the forced disk writes of running processes with strace, attached by PID: {@code fsync} and
 * {@code fdatasync} (PostgreSQL's WAL, the broker's NIO journal, Narayana's object store) and {@code msync}
 * (Liberty's transaction log, a memory-mapped file that is forced through the mapping, so a count of
 * fsync calls alone would miss it). Each call is attributed to the file it forced ({@link ForcedWrites}).
 * Tracing stops a process at every traced call, so it is used only in passes whose timing is not reported.
 * Where strace is missing or cannot attach, there is no count, and the report says so.
 */
final class SyncCounter implements AutoCloseable {

    static final List<String> SYNC_CALLS = List.of("fsync", "fdatasync", "msync");
    private static final Duration ATTACH_DEADLINE = Duration.ofSeconds(20);
    private static final Duration DETACH_DEADLINE = Duration.ofSeconds(30);

    private final Process strace;
    private final Path trace;
    private final Path log;
    private final long[] pids;

    private SyncCounter(Process strace, Path trace, Path log, long[] pids) {
        this.strace = strace;
        this.trace = trace;
        this.log = log;
        this.pids = pids;
    }

    /**
     * Attaches to a process and every process it has started (PostgreSQL's backends, the WAL writer); empty if
     * the process is gone or strace could not attach.
     */
    static Optional<SyncCounter> attachTree(Path dir, long pid) throws IOException {
        long[] pids = ProcessHandle.of(pid).map(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h),
                h.descendants()).mapToLong(ProcessHandle::pid).toArray()).orElse(new long[0]);
        return pids.length == 0 ? Optional.empty() : attach(dir, pids);
    }

    /** Attaches to every thread of each process; empty if strace is not installed or could not attach. */
    static Optional<SyncCounter> attach(Path dir, long... pids) throws IOException {
        Path strace = Path.of("/usr/bin/strace");
        if (!Files.isExecutable(strace)) {
            return Optional.empty();
        }
        Files.createDirectories(dir);
        Path trace = dir.resolve("strace.trace");
        Path log = dir.resolve("strace.log");
        // -y prints each descriptor's path, so an fsync names its file; msync names an address, which
        // ForcedWrites resolves through the process's memory map.
        List<String> command = new ArrayList<>(List.of(strace.toString(), "-f", "-y", "-e",
                "trace=" + String.join(",", SYNC_CALLS), "-o", trace.toString()));
        for (long pid : pids) {
            command.addAll(List.of("-p", Long.toString(pid)));
        }
        Process process = ProcessReaper.start(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()));
        SyncCounter counter = new SyncCounter(process, trace, log, pids.clone());
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

    /**
     * Reads the traced processes' memory maps (an msync's address means nothing once its process is gone),
     * detaches, and returns the forced writes it saw; empty if strace did not detach.
     */
    Optional<ForcedWrites> stop() throws IOException, InterruptedException {
        List<String> maps = new ArrayList<>();
        for (long pid : pids) {
            Path map = Path.of("/proc", Long.toString(pid), "maps");
            if (Files.isReadable(map)) {
                maps.addAll(Files.readAllLines(map));
            }
        }
        ProcessReaper.terminate(strace.toHandle());
        if (!strace.waitFor(DETACH_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            close();
            return Optional.empty();
        }
        return Optional.of(Files.exists(trace) ? ForcedWrites.parse(Files.readAllLines(trace), maps)
                : ForcedWrites.parse(List.of(), maps));
    }

    @Override
    public void close() {
        if (strace.isAlive()) {
            ProcessReaper.kill(strace.toHandle(), DETACH_DEADLINE);
        }
    }
}
