package dev.ledgerline.bench;

import java.util.List;

/**
 * How much a run measures.
 *
 * @param consumers          the concurrency levels, for every runtime, mode and ceiling
 * @param workerTransfers    the backlog preloaded for each worker scenario
 * @param libertyTransfers   transfers submitted over HTTP in each Liberty scenario
 * @param ceilingTransfers   units of work in each ceiling scenario
 * @param clients            HTTP client threads of the load generator
 * @param warmupTransfers    transfers per mode in each warm-up round of a fresh Liberty (not counted)
 * @param warmupRounds       the most warm-up rounds a fresh Liberty or ceiling broker gets before it is measured;
 *                           it stops earlier once its JIT compiler is quiet ({@link JitWarmUp})
 */
public record Profile(String name, List<Integer> consumers, int workerTransfers, int libertyTransfers,
                      int ceilingTransfers, int clients, int warmupTransfers, int warmupRounds) {

    /** Under five minutes on two cores, Liberty's two starts included. */
    public static final Profile SHORT = new Profile("short", List.of(1, 4), 400, 200, 1_000, 8, 50, 3);
    public static final Profile FULL = new Profile("full", List.of(1, 2, 4, 8), 2_000, 1_000, 5_000, 8, 200, 20);

    /** The same sizes at other concurrency levels, in increasing order. */
    public Profile atConsumers(List<Integer> levels) {
        if (levels.isEmpty() || levels.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("--consumers takes levels of 1 or more, got " + levels);
        }
        return new Profile(name, levels.stream().distinct().sorted().toList(), workerTransfers, libertyTransfers,
                ceilingTransfers, clients, warmupTransfers, warmupRounds);
    }

    /** The same run with at most {@code rounds} warm-up rounds per fresh JVM. */
    public Profile withWarmupRounds(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("--warmup-rounds takes 1 or more, got " + rounds);
        }
        return new Profile(name, consumers, workerTransfers, libertyTransfers, ceilingTransfers, clients,
                warmupTransfers, rounds);
    }
}
