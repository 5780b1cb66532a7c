package dev.ledgerline.bench;

/**
 * Forced disk syncs seen by {@link SyncCounter} in a traced pass.
 *
 * @param scenario  what ran, e.g. {@code broker alone, 1 thread}
 * @param processes which processes were traced, e.g. {@code worker (H2, Narayana's log) + broker}
 * @param transfers transfers (or round trips) completed while traced
 * @param syncs     fsync and fdatasync calls, summed over the traced processes
 */
public record SyncCount(String scenario, String processes, long transfers, long syncs) {

    public double perTransfer() {
        return transfers == 0 ? 0 : (double) syncs / transfers;
    }
}
