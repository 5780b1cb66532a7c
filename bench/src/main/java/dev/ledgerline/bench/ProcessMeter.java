package dev.ledgerline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.ledgerline.testkit.ProcessReaper;

/**
 * What the benchmark reads about a process from outside it: CPU time (user + system, from the operating
 * system, with its descendants), the part of it its JIT compiler threads used (from {@code /proc}, by thread
 * name), and, through {@code jcmd}, its heap after a full collection.
 */
final class ProcessMeter {

    /** G1's line in {@code GC.heap_info}: " garbage-first heap   total 262144K, used 45678K [...". */
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");
    private static final long JCMD_TIMEOUT_SECONDS = 30;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    /** HotSpot's "C1 CompilerThread" and "C2 CompilerThread", cut to 15 characters by the kernel. */
    private static final String COMPILER_THREAD = " CompilerThre";
    /** The unit of {@code stat}'s CPU times (USER_HZ): 100 a second on every Linux architecture. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcessMeter() {
    }

    /** CPU time the process and its descendants have used so far; zero for a process that is gone. */
    static Duration cpu(long pid) {
        return ProcessHandle.of(pid).map(h -> {
            Duration total = h.info().totalCpuDuration().orElse(Duration.ZERO);
            for (ProcessHandle child : h.descendants().toList()) {
                total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
            }
            return total;
        }).orElse(Duration.ZERO);
    }

    /**
     * The heap in use after {@code jcmd <pid> GC.run}: what the process keeps live once a run is over. Null if
     * jcmd is missing or cannot attach; the report then says "–".
     */
    static Double heapUsedMbAfterGc(long pid) {
        try {
            jcmd(pid, "GC.run");
            return parseHeapUsedMb(jcmd(pid, "GC.heap_info"));
        } catch (IOException e) {
            return null;
        }
    }

    static Double parseHeapUsedMb(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : null;
    }

    /** Runs {@code jcmd <pid> <command> <arguments...>} and returns what it printed. */
    static String jcmd(long pid, String command, String... arguments) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid), command));
        line.addAll(List.of(arguments));
        Process p = ProcessReaper.start(new ProcessBuilder(line).redirectErrorStream(true));
        try {
            if (!p.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                ProcessReaper.kill(p.toHandle(), KILL_TIMEOUT);
                throw new IOException("jcmd " + command + " did not answer within " + JCMD_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessReaper.kill(p.toHandle(), KILL_TIMEOUT);
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("jcmd " + command + " exited with " + p.exitValue() + ": " + out);
        }
        return out;
    }

    /** CPU time the JIT compiler threads of the process and its descendants have used so far. */
    static Duration compilerCpu(long pid) {
        long ticks = ProcessHandle.of(pid)
                .map(h -> Stream.concat(Stream.of(h), h.descendants()).mapToLong(p -> compilerTicks(p.pid())).sum())
                .orElse(0L);
        return Duration.ofNanos(ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    private static long compilerTicks(long pid) {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                ticks += compilerTicks(task.resolve("stat"));
            }
        } catch (IOException e) {
            return 0; // not Linux, or the process is gone: nothing to count
        }
        return ticks;
    }

    private static long compilerTicks(Path stat) {
        try {
            return compilerTicksOf(Files.readString(stat));
        } catch (IOException e) {
            return 0; // the thread ended between the listing and the read
        }
    }

    /** utime + stime of one {@code stat} line if its thread is a JIT compiler thread, else 0. */
    static long compilerTicksOf(String statLine) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        if (open < 0 || close < open || !statLine.substring(open + 1, close).endsWith(COMPILER_THREAD)) {
            return 0;
        }
        // After the name: state (field 3) first; utime and stime are fields 14 and 15 of the line.
        String[] fields = statLine.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
