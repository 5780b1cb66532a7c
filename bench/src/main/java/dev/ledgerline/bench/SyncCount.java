package dev.ledgerline.bench;

/**
 * Forced disk writes seen by {@link SyncCounter} in a traced pass.
 *
 * @param scenario  what ran, e.g. {@code broker alone, 1 thread}
 * @param series    the report rows whose transfers this pass stands for: a runtime and mode ({@code liberty xa},
 *                  {@code ceiling broker}) or a row's whole series ({@code cluster xa uniform, 2 servers})
 * @param processes which processes were traced, e.g. {@code broker}
 * @param transfers transfers (or round trips) completed while traced
 * @param writes    fsync, fdatasync and msync calls by file, summed over the traced processes
 */
public record SyncCount(String scenario, String series, String processes, long transfers, ForcedWrites writes) {

    public long syncs() {
        return writes.total();
    }

    public double perTransfer() {
        return transfers == 0 ? 0 : (double) syncs() / transfers;
    }

    /** Whether this pass stands for the row's transfers. */
    public boolean standsFor(Row row) {
        return series.equals(row.runtime() + " " + row.mode()) || series.equals(row.series());
    }
}
