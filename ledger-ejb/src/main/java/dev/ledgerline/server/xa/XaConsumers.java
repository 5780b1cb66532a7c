package dev.ledgerline.server.xa;

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
import dev.ledgerline.server.messaging.DeliveryFailedException;
import dev.ledgerline.server.messaging.FailedDeliveries;

/**
 * Starts the XA consumers when the application starts (after the schema is migrated) and stops them with
 * it: {@code ledgerline.xa.consumers} pollers on {@code transfers.xa} and one on its dead-letter queue.
 * Each poll is a separate container transaction in {@link XaTransferProcessor}; this bean holds no
 * transaction itself.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class XaConsumers {

    private static final Logger LOG = Logger.getLogger(XaConsumers.class.getName());

    /** Makes the pollers' threads, and stops them when the server begins to stop. */
    @Inject
    ServerPollers serverPollers;

    @EJB
    XaTransferProcessor processor;

    @EJB
    XaDeadLetterProcessor deadLetters;

    @EJB
    FailedDeliveries failures;

    @Inject
    LedgerSettings settings;

    private PollerThreads pollers;

    @PostConstruct
    void start() {
        pollers = serverPollers.newPollers(settings.consumerStopWait());
        long wait = settings.pollWaitMillis();
        for (int i = 1; i <= settings.xaConsumers(); i++) {
            pollers.start(new QueuePoller("xa-consumer-" + i, () -> {
                try {
                    return processor.applyNext(wait);
                } catch (DeliveryFailedException e) {
                    failures.record(e);
                    return true;
                }
            }, Duration.ZERO));
        }
        pollers.start(new QueuePoller("xa-dead-letters", () -> deadLetters.failNext(wait), Duration.ZERO));
        LOG.info("started " + settings.xaConsumers() + " XA consumers on " + TransferQueue.XA.address()
                + ", applying up to " + settings.xaBatchSize() + " messages per transaction, and one on "
                + TransferQueue.XA.deadLetterAddress());
    }

    /** How many poller threads were started (consumers and the dead-letter poller). */
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
        LOG.info("stopped the XA consumers");
    }
}
