package dev.ledgerline.server.idempotent;

import java.time.Duration;
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
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.messaging.ServerPollers;

/**
 * Starts the idempotent consumers when the application starts (after the schema is migrated) and stops them
 * with it: {@code ledgerline.idempotent.consumers} pollers on {@code transfers.idempotent}, each calling
 * {@link IdempotentTransferConsumer}. Its dead-letter queue has a message-driven bean of its own
 * ({@link IdempotentDeadLetterConsumer}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdempotentConsumers {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumers.class.getName());

    /** Makes the pollers' threads, and stops them when the server begins to stop. */
    @Inject
    ServerPollers serverPollers;

    @EJB
    IdempotentTransferConsumer consumer;

    @Inject
    LedgerSettings settings;

    private PollerThreads pollers;

    @PostConstruct
    void start() {
        pollers = serverPollers.newPollers(settings.consumerStopWait());
        long wait = settings.pollWaitMillis();
        for (int i = 1; i <= settings.idempotentConsumers(); i++) {
            pollers.start(new QueuePoller("idempotent-consumer-" + i, () -> consumer.consumeNext(wait), Duration.ZERO));
        }
        LOG.info("started " + settings.idempotentConsumers() + " idempotent consumers on "
                + TransferQueue.IDEMPOTENT.address() + ", applying up to " + settings.idempotentBatchSize()
                + " messages per transaction");
    }

    /** How many consumer threads were started. */
    @Lock(LockType.READ)
    public int startedThreads() {
        return pollers.started();
    }

    /** How many of them still run. */
    @Lock(LockType.READ)
    public int aliveThreads() {
        return pollers.alive();
    }

    @PreDestroy
    void stop() {
        pollers.stop();
        LOG.info("stopped the idempotent consumers");
    }
}
