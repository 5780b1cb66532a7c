package dev.ledgerline.server.idempotent;

import java.time.Duration;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import dev.ledgerline.ledger.messaging.PollerThreads;
import dev.ledgerline.ledger.messaging.QueuePoller;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.messaging.ServerPollers;

/**
 * Runs the outbox relay on a thread of its own while the application runs. One relay per server, so rows
 * are published in creation order, and with them the transfers of each account pair. Its claimant name is
 * new at every start: rows claimed by a relay that died become claimable again when the claim expires.
 * A submission that committed a row wakes the relay (unless {@code ledgerline.outbox.wake} is false), so a
 * row waits for the pass in flight, not for the idle period; the period remains the bound when a wake is
 * lost with the server that would have sent it, or when another server's submission wrote the row.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    /** Makes the poller's thread, and stops it when the server begins to stop. */
    @Inject
    ServerPollers serverPollers;

    @EJB
    OutboxPublisher publisher;

    @Inject
    LedgerSettings settings;

    private PollerThreads relayThread;
    private volatile QueuePoller poller;

    @PostConstruct
    void start() {
        String claimant = "relay-" + UUID.randomUUID();
        int batch = settings.outboxBatch();
        Duration lease = settings.outboxLease();
        // A pass in flight finishes within its claim's lease.
        relayThread = serverPollers.newPollers(lease.plusSeconds(5));
        poller = new QueuePoller("outbox-relay", () -> publisher.publishBatch(claimant, batch, lease) > 0,
                settings.outboxPeriod());
        relayThread.start(poller);
        LOG.info("outbox relay " + claimant + " started, " + (settings.outboxWake() ? "woken by submissions" : "not woken")
                + ", looking every " + settings.outboxPeriod().toMillis() + " ms when idle");
    }

    /**
     * Called after a submission committed an outbox row. Read-locked: every request thread calls it, and it
     * only flags the poller, which coalesces the wakes of a burst into one pass.
     */
    @Lock(LockType.READ)
    public void wake() {
        if (settings.outboxWake()) {
            poller.wake();
        }
    }

    @PreDestroy
    void stop() {
        relayThread.stop();
    }
}
