package dev.ledgerline.server.unsafe;

import java.time.Duration;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
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
 * Starts the UNSAFE consumers, one poller on {@code transfers.unsafe} and one on its dead-letter queue, only
 * when {@code ledgerline.unsafe-modes.enabled} is true; otherwise no thread is started and nothing here runs.
 * Each poll is a call to a bean that holds no transaction, as for the XA consumers.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UnsafeConsumers {

    private static final Logger LOG = Logger.getLogger(UnsafeConsumers.class.getName());

    /** Makes the pollers' threads, and stops them when the server begins to stop. */
    @Inject
    ServerPollers serverPollers;

    @EJB
    UnsafeTransferProcessor processor;

    @EJB
    UnsafeDeadLetterProcessor deadLetters;

    @Inject
    LedgerSettings settings;

    private PollerThreads pollers;

    @PostConstruct
    void start() {
        pollers = serverPollers.newPollers(settings.consumerStopWait());
        if (!settings.unsafeModesEnabled()) {
            return;
        }
        long wait = settings.pollWaitMillis();
        pollers.start(new QueuePoller("unsafe-consumer", () -> processor.takeNext(wait), Duration.ZERO));
        pollers.start(new QueuePoller("unsafe-dead-letters", () -> deadLetters.failNext(wait), Duration.ZERO));
        LOG.info("started the unsafe consumers on " + TransferQueue.UNSAFE.address() + " and "
                + TransferQueue.UNSAFE.deadLetterAddress());
    }

    @PreDestroy
    void stop() {
        if (pollers.started() == 0) {
            return;
        }
        pollers.stop();
        LOG.info("stopped the unsafe consumers");
    }
}
