package dev.ledgerline.ledger.xa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import dev.ledgerline.ledger.messaging.QueuePoller;
import dev.ledgerline.ledger.service.LedgerSettings;

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
    /** Pause between two runs of a poller that found its queue empty; the receive itself waits longer. */
    private static final long IDLE_PAUSE_MILLIS = 10;

    @Resource
    ManagedScheduledExecutorService executor;

    @EJB
    XaTransferProcessor processor;

    @EJB
    XaDeadLetterProcessor deadLetters;

    @EJB
    FailedDeliveries failures;

    @Inject
    LedgerSettings settings;

    private final List<QueuePoller> pollers = new ArrayList<>();
    private final List<ScheduledFuture<?>> runs = new ArrayList<>();

    @PostConstruct
    void start() {
        long wait = settings.pollWaitMillis();
        for (int i = 1; i <= settings.xaConsumers(); i++) {
            schedule(new QueuePoller("xa-consumer-" + i, () -> {
                try {
                    return processor.applyNext(wait);
                } catch (DeliveryFailedException e) {
                    failures.record(e);
                    return true;
                }
            }));
        }
        schedule(new QueuePoller("xa-dead-letters", () -> deadLetters.failNext(wait)));
        LOG.info("started " + settings.xaConsumers() + " XA consumers on transfers.xa and one on transfers.xa.dlq");
    }

    private void schedule(QueuePoller poller) {
        pollers.add(poller);
        runs.add(executor.scheduleWithFixedDelay(poller, 0, IDLE_PAUSE_MILLIS, TimeUnit.MILLISECONDS));
    }

    @PreDestroy
    void stop() {
        runs.forEach(run -> run.cancel(false));
        // A receive in flight ends within its wait; give it that long, and a little more to commit.
        Duration wait = Duration.ofMillis(settings.pollWaitMillis()).plusSeconds(5);
        pollers.forEach(poller -> poller.stop(wait));
        LOG.info("stopped the XA consumers");
    }
}
