package dev.ledgerline.bench;

/**
 * One line of the report: a design ({@code mode}, a transfer mode's wire name) in a runtime (a {@code
 * Coordinator}'s runtime name), on a workload, with a number of consumers. Ceilings use the same shape with
 * runtime {@code ceiling} and mode {@code database} or {@code broker}. The columns are the report's text.
 *
 * @param transfers        how many transfers (or message round trips, for the broker) the figures cover
 * @param tps              completions per second between the first and the last completion measured
 * @param latency          see {@link #latencyMeaning}: what the percentiles measure differs by runtime
 * @param cpuMsPerTransfer CPU time (user + system) of the process under test, per transfer; null if not measured
 * @param heapUsedMb       the process's heap in use after the scenario, after a full GC; null if not measured
 * @param latencyMeaning   what the clock measured, in words, for the report
 */
public record Row(String runtime, String mode, String workload, int consumers, long transfers, double tps,
                  Latencies.Percentiles latency, Double cpuMsPerTransfer, Double heapUsedMb, String latencyMeaning) {

    public static final String CEILING = "ceiling";
    /** A ceiling row's mode: the database alone, or the broker alone. */
    public static final String DATABASE_CEILING = "database";
    public static final String BROKER_CEILING = "broker";

    public boolean isCeiling() {
        return CEILING.equals(runtime);
    }

    /** The series a chart draws this row in, e.g. {@code liberty xa uniform}. */
    public String series() {
        return runtime + " " + mode + " " + workload;
    }
}
