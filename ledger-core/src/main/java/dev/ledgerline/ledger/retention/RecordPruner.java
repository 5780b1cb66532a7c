package dev.ledgerline.ledger.retention;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.ledgerline.ledger.store.LocalTransaction;
import dev.ledgerline.ledger.store.OutboxStore;
import dev.ledgerline.ledger.store.ProcessedMessageStore;

/**
 * Deletes the processed-message records made, and the outbox rows published, longer ago than the retention
 * window, so that neither table grows for ever. Work is done in batches of at most {@code batchSize} rows per
 * table, each in a local transaction of its own on a plain (non-XA) data source, so no lock is held longer
 * than one short batch. Several servers may prune the same database at once: the stores delete row by row
 * in one order, so they neither deadlock nor count a row twice (see
 * {@link ProcessedMessageStore#deleteProcessedBefore}). An outbox row not yet published is never deleted.
 *
 * <p>One pass is a run of batches until neither table has a full batch left; the pass's totals go to the
 * listener once, and only if it deleted anything. Not thread-safe: one thread steps one pruner.
 */
public final class RecordPruner {

    private final ProcessedMessageStore processed = new ProcessedMessageStore();
    private final OutboxStore outbox = new OutboxStore();
    private final DataSource dataSource;
    private final Clock clock;
    private final RetentionWindow window;
    private final int batchSize;
    private final Consumer<Pruned> passEnded;
    private Pruned pass = Pruned.NONE;

    /**
     * @param passEnded told the totals of each pass that deleted anything, once the pass has ended
     */
    public RecordPruner(DataSource dataSource, Clock clock, RetentionWindow window, int batchSize,
                        Consumer<Pruned> passEnded) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a pruning batch must hold at least 1 row, not " + batchSize);
        }
        this.dataSource = dataSource;
        this.clock = clock;
        this.window = window;
        this.batchSize = batchSize;
        this.passEnded = passEnded;
    }

    /**
     * Deletes one batch from each table, each in its own local transaction, and says whether the pass goes on:
     * true while either batch came back full, so that more may be past the window. When it ends, a pass that
     * deleted anything is reported. A failure leaves what the committed batches deleted to be reported with
     * the pass that ends next.
     */
    public boolean step() throws SQLException {
        Instant cutoff = window.cutoff(clock.instant());
        int records = LocalTransaction.run(dataSource, c -> processed.deleteProcessedBefore(c, cutoff, batchSize));
        pass = pass.plus(new Pruned(records, 0));
        int rows = LocalTransaction.run(dataSource, c -> outbox.deletePublishedBefore(c, cutoff, batchSize));
        pass = pass.plus(new Pruned(0, rows));
        if (records == batchSize || rows == batchSize) {
            return true;
        }
        Pruned ended = pass;
        pass = Pruned.NONE;
        if (!ended.isNone()) {
            passEnded.accept(ended);
        }
        return false;
    }

    /** Steps until the pass ends: everything past the window at each step is deleted. */
    public void prunePass() throws SQLException {
        while (step()) {
            // The next batch.
        }
    }

    public RetentionWindow window() {
        return window;
    }
}
