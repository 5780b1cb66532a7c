package dev.ledgerline.server.xa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;

import dev.ledgerline.ledger.messaging.QueuePoller;
import dev.ledgerline.server.config.LedgerSettings;
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

    /**
     * Threads of their own, not tasks of the server's shared executor: a poller is always busy (an idle
     * receive waits inside its transaction), and Liberty waits for busy executor threads before it stops.
     */
    @Resource
    ManagedThreadFactory threads;

    @EJB
    XaTransferProcessor processor;

    @EJB
    XaDeadLetterProcessor deadLetters;

    @EJB
    FailedDeliveries failures;

    @Inject
    LedgerSettings settings;

    private final List<QueuePoller> pollers = new ArrayList<>();
    private final List<Thread> running = new ArrayList<>();

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
            }, Duration.ZERO));
        }
        schedule(new QueuePoller("xa-dead-letters", () -> deadLetters.failNext(wait), Duration.ZERO));
        LOG.info("started " + settings.xaConsumers() + " XA consumers on transfers.xa and one on transfers.xa.dlq");
    }

    private void schedule(QueuePoller poller) {
        pollers.add(poller);
        Thread thread = threads.newThread(poller);
        thread.setName("ledgerline-" + poller.name());
        thread.start();
        running.add(thread);
    }

    /** How many poller threads were started (consumers and the dead-letter poller). */
    @Lock(LockType.READ)
    public int startedThreads() {
        return running.size();
    }

    /** How many of them still run. */
    @Lock(LockType.READ)
    public int aliveThreads() {
        return (int) running.stream().filter(Thread::isAlive).count();
    }

    @PreDestroy
    void stop() {
        // A receive in flight ends within its wait; give it that long, and a little more to commit.
        Duration wait = Duration.ofMillis(settings.pollWaitMillis()).plusSeconds(5);
        pollers.forEach(QueuePoller::stop);
        pollers.forEach(poller -> poller.awaitFinished(wait));
        LOG.info("stopped the XA consumers");
    }
}
