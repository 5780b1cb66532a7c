package dev.ledgerline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

import dev.ledgerline.harness.database.Database;

/**
 * This machine's limits, measured at the start of every run so that each row can be read against them:
 * forced writes per second in the run's data directory (one stream and eight), and the CPU floor of a
 * transfer, the CPU its parts spend alone (the database work of one transfer, with its JDBC client, plus
 * one broker round trip). Absolute figures change with the machine; a row's share of these limits does not.
 *
 * @param syncsPerSecondOneStream    forced 4 KiB overwrites per second from one stream
 * @param syncsPerSecondEightStreams the same from eight streams at once, all of them together
 * @param databaseCpuMs              CPU ms per transfer of the database ceiling's work, one thread
 * @param brokerCpuMs                CPU ms per round trip of the broker alone, one thread
 */
record MachineLimits(double syncsPerSecondOneStream, double syncsPerSecondEightStreams, double databaseCpuMs,
                     double brokerCpuMs) {

    /** Each sync stream's length: a few seconds, enough for a steady rate on a disk that syncs in milliseconds. */
    private static final Duration SYNC_TEST = Duration.ofSeconds(4);
    private static final int WARMUP_UNITS = 300;
    private static final int FLOOR_UNITS = 1000;

    static MachineLimits measure(Path dir, Database database, Ports ports, Profile profile, long seed) throws Exception {
        double one = ForcedWriteRate.measure(dir.resolve("forced-writes"), 1, SYNC_TEST);
        double eight = ForcedWriteRate.measure(dir.resolve("forced-writes"), 8, SYNC_TEST);
        DatabaseCeiling databaseAlone = new DatabaseCeiling(database, dir);
        BrokerCeiling brokerAlone = new BrokerCeiling(dir, ports, BrokerJournal.TUNED, profile.warmupRounds());
        // The database's first pass loads and compiles the client code in this JVM; only the second counts. The
        // broker's run warms its own fresh broker up before it measures.
        databaseAlone.run(Workload.UNIFORM, 1, WARMUP_UNITS, seed);
        Row database1 = databaseAlone.run(Workload.UNIFORM, 1, FLOOR_UNITS, seed);
        Row broker1 = brokerAlone.run(1, FLOOR_UNITS);
        MachineLimits limits = new MachineLimits(one, eight, database1.cpuMsPerTransfer(), broker1.cpuMsPerTransfer());
        System.out.println("bench: limits: " + limits.describe());
        return limits;
    }

    double cpuFloorMs() {
        return databaseCpuMs + brokerCpuMs;
    }

    /** The sync rate a row is held against: one stream for one consumer, eight streams for more. */
    double syncsPerSecondFor(Row row) {
        return row.consumers() <= 1 ? syncsPerSecondOneStream : syncsPerSecondEightStreams;
    }

    /**
     * The row's throughput over what the disk allows it: tps ÷ (sync rate ÷ forced writes per transfer), from
     * the traced passes that stand for the row; empty where none does.
     */
    OptionalDouble ofSyncLimit(Row row, List<SyncCount> syncs) {
        List<SyncCount> passes = syncs.stream().filter(c -> c.standsFor(row)).toList();
        if (passes.isEmpty()) {
            return OptionalDouble.empty();
        }
        double writes = passes.stream().mapToDouble(SyncCount::perTransfer).sum();
        return writes == 0 ? OptionalDouble.empty() : OptionalDouble.of(row.tps() * writes / syncsPerSecondFor(row));
    }

    /** The row's CPU per transfer over the floor: 1.0 would be no more than the parts alone spend. */
    OptionalDouble ofCpuFloor(Row row) {
        return row.cpuMsPerTransfer() == null || cpuFloorMs() <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of(row.cpuMsPerTransfer() / cpuFloorMs());
    }

    String describe() {
        return String.format(java.util.Locale.ROOT, "%.0f forced writes/s from one stream, %.0f from eight; CPU "
                + "floor %.2f ms per transfer (database work %.2f + broker round trip %.2f)", syncsPerSecondOneStream,
                syncsPerSecondEightStreams, cpuFloorMs(), databaseCpuMs, brokerCpuMs);
    }
}
