package dev.ledgerline.server.idempotent;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import dev.ledgerline.ledger.messaging.PollerThreads;
import dev.ledgerline.ledger.messaging.QueuePoller;
import dev.ledgerline.ledger.retention.Pruned;
import dev.ledgerline.ledger.retention.RecordPruner;
import dev.ledgerline.ledger.retention.RetentionWindow;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.messaging.ServerPollers;
import dev.ledgerline.server.observe.TransferMetrics;

/**
 * Runs the {@link RecordPruner} on a thread of its own while the application runs, like the outbox relay: a
 * pass every {@code ledgerline.retention.period-ms} deletes the processed-message records and published outbox
 * rows older than the retention window, in batches of local transactions on {@code jdbc/ledgerLocal}. Every
 * server of a cluster runs one against the same database; they share the work without counting a row twice.
 * One INFO line per pass that deleted something, with its counts, also added to
 * {@link TransferMetrics#pruned}; nothing when nothing was old enough.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecordPruning {

    private static final Logger LOG = Logger.getLogger(RecordPruning.class.getName());

    /** Makes the poller's thread, and stops it when the server begins to stop. */
    @Inject
    ServerPollers serverPollers;

    @Resource(lookup = LedgerResources.LOCAL_DATA_SOURCE)
    DataSource dataSource;

    @Inject
    LedgerSettings settings;

    @Inject
    TransferMetrics metrics;

    private PollerThreads prunerThread;

    @PostConstruct
    void start() {
        RetentionWindow window = settings.retentionWindow();
        RecordPruner pruner = new RecordPruner(dataSource, Clock.systemUTC(), window, settings.retentionBatch(),
                pruned -> passEnded(pruned, window));
        // A batch in flight is one short transaction.
        prunerThread = serverPollers.newPollers(Duration.ofSeconds(10));
        prunerThread.start(new QueuePoller("record-pruner", () -> step(pruner), settings.retentionPeriod()));
        LOG.info("record pruner started: keeps processed-message records and published outbox rows for "
                + window.length().toMillis() + " ms, looks every " + settings.retentionPeriod().toMillis() + " ms");
    }

    @PreDestroy
    void stop() {
        prunerThread.stop();
    }

    private static boolean step(RecordPruner pruner) {
        try {
            return pruner.step();
        } catch (SQLException e) {
            throw new IllegalStateException("pruning failed: " + e.getMessage(), e);
        }
    }

    private void passEnded(Pruned pruned, RetentionWindow window) {
        metrics.pruned(pruned);
        LOG.info("pruned " + pruned.processedMessages() + " processed-message records and " + pruned.outboxRows()
                + " published outbox rows older than " + window.length().toMillis() + " ms");
    }
}
