package dev.ledgerline.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * Warms a fresh JVM up until its JIT compiler has done most of its work: rounds of the real workload, until
 * the compiler threads took less than {@link #QUIET_SHARE} of the process's CPU in one round, or the profile's
 * last round. A fixed count did not do: after 200 transfers per design the compiler threads still took 31 % of
 * Liberty's CPU in the measured rows, and after 2,000 round trips 32 to 54 % of the broker's, so "CPU per
 * transfer" counted compilation that a server which has run for a while no longer pays, and on two cores the
 * compiler's CPU also slowed the measured work down.
 *
 * <p>The compiler threads' CPU comes from {@link ProcessMeter#compilerCpu}. Where it cannot be read, every
 * round counts as quiet and the warm-up is its minimum.
 */
final class JitWarmUp {

    /** The compiler's share of a round's CPU under which the JVM counts as warm. */
    static final double QUIET_SHARE = 0.05;


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
            Duration compilerBefore = ProcessMeter.compilerCpu(pid);
            round.run();
            rounds++;
            long cpu = ProcessMeter.cpu(pid).minus(cpuBefore).toNanos();
            long compiler = ProcessMeter.compilerCpu(pid).minus(compilerBefore).toNanos();
            outcome = new Outcome(rounds, cpu <= 0 ? 0 : Math.min(1, (double) compiler / cpu));
        } while (rounds < maxRounds && (rounds < minRounds || !outcome.quiet()));
        System.out.println("bench: warm-up of " + what + ": " + outcome.describe());
        return outcome;
    }
}
