package dev.ledgerline.server.idempotent;

import java.time.Duration;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;

import dev.ledgerline.ledger.messaging.PollerThreads;
import dev.ledgerline.ledger.messaging.QueuePoller;
import dev.ledgerline.server.config.LedgerSettings;

/**
 * Runs the outbox relay on a thread of its own while the application runs. One relay per server, so rows
 * are published in creation order, and with them the transfers of each account pair. Its claimant name is
 * new at every start: rows claimed by a relay that died become claimable again when the claim expires.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @EJB
    OutboxPublisher publisher;

    @Inject
    LedgerSettings settings;

    private PollerThreads relayThread;

    @PostConstruct
    void start() {
        String claimant = "relay-" + UUID.randomUUID();
        int batch = settings.outboxBatch();
        Duration lease = settings.outboxLease();
        relayThread = new PollerThreads(threads);
        relayThread.start(new QueuePoller("outbox-relay", () -> publisher.publishBatch(claimant, batch, lease) > 0,
                settings.outboxPeriod()));
        LOG.info("outbox relay " + claimant + " started");
    }

    @PreDestroy
    void stop() {
        // A pass in flight finishes within its claim's lease.
        relayThread.stop(settings.outboxLease().plusSeconds(5));
    }
}
