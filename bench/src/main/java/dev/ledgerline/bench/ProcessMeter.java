package dev.ledgerline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ledgerline.testkit.ProcessReaper;

/**
 * What the benchmark reads about a process from outside it: CPU time (user + system, from the operating
 * system, with its descendants) and, through {@code jcmd}, its heap after a full collection.
 */
final class ProcessMeter {

    /** G1's line in {@code GC.heap_info}: " garbage-first heap   total 262144K, used 45678K [...". */
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");
    private static final long JCMD_TIMEOUT_SECONDS = 30;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

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
}
