package dev.ledgerline.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Warms a fresh JVM up until its JIT compiler has done most of its work: rounds of the real workload, until
 * the compiler threads took less than {@link #QUIET_SHARE} of the process's CPU in one round, or the profile's
 * last round. A fixed count did not do: after 200 transfers per design the compiler threads still took 31 % of
 * Liberty's CPU in the measured rows, and after 2,000 round trips 32 to 54 % of the broker's, so "CPU per
 * transfer" counted compilation that a server which has run for a while no longer pays, and on two cores the
 * compiler's CPU also slowed the measured work down.
 *
 * <p>The compiler threads are found by name in {@code /proc/<pid>/task/<tid>/stat} (HotSpot's "C1
 * CompilerThread" and "C2 CompilerThread", cut to 15 characters by the kernel). Where {@code /proc} cannot be
 * read, every round counts as quiet and the warm-up is its minimum.
 */
final class JitWarmUp {

    /** The compiler's share of a round's CPU under which the JVM counts as warm. */
    static final double QUIET_SHARE = 0.05;

    private static final String COMPILER_THREAD = " CompilerThre";
    /** The unit of {@code stat}'s CPU times (USER_HZ): 100 a second on every Linux architecture. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** One round of warm-up work. */
    @FunctionalInterface
    interface Round {
        void run() throws Exception;
    }

    /**
     * @param rounds how many rounds it ran
     * @param share  the compiler threads' share of the process's CPU in the last round
     */
    record Outcome(int rounds, double share) {
        boolean quiet() {
            return share < QUIET_SHARE;
        }

        String describe() {
            return String.format(Locale.ROOT, "%d round%s, compiler threads %.0f %% of its CPU in the last%s", rounds,
                    rounds == 1 ? "" : "s", 100 * share, quiet() ? "" : " (still compiling at its last round)");
        }
    }

    private JitWarmUp() {
    }

    /**
     * Runs {@code round} at least {@code minRounds} times, then until a round is quiet or {@code maxRounds} ran,
     * and prints what it took.
     */
    static Outcome run(String what, long pid, int minRounds, int maxRounds, Round round) throws Exception {
        if (minRounds < 1 || maxRounds < minRounds) {
            throw new IllegalArgumentException("rounds must satisfy 1 <= min <= max, got " + minRounds + ", " + maxRounds);
        }
        Outcome outcome;
        int rounds = 0;
        do {
            Duration cpuBefore = ProcessMeter.cpu(pid);
            Duration compilerBefore = compilerCpu(pid);
            round.run();
            rounds++;
            long cpu = ProcessMeter.cpu(pid).minus(cpuBefore).toNanos();
            long compiler = compilerCpu(pid).minus(compilerBefore).toNanos();
            outcome = new Outcome(rounds, cpu <= 0 ? 0 : Math.min(1, (double) compiler / cpu));
        } while (rounds < maxRounds && (rounds < minRounds || !outcome.quiet()));
        System.out.println("bench: warm-up of " + what + ": " + outcome.describe());
        return outcome;
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
