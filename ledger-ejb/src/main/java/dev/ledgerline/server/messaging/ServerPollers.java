package dev.ledgerline.server.messaging;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;

import dev.ledgerline.ledger.messaging.PollerThreads;

/**
 * Makes the server's poller threads, and stops them all when the server starts to stop, while the resources
 * their transactions use are still there.
 *
 * <p>Why their owners' {@code @PreDestroy} is not enough: Liberty stops an application only after its quiesce,
 * and stops the broker's resource adapter at the same time, so the adapter's connections can be gone while a
 * poller's XA transaction is still in flight; its XA end then fails and it completes heuristically. (The
 * message-driven beans that pollers replaced are stopped at the start of the quiesce, and Liberty waits for
 * them.) So this bean is a quiesce participant: an MXBean that the server's quiesce listener, the
 * liberty-quiesce module installed as a BELL library (server.xml), calls at the start of the quiesce. It asks
 * every poller to stop and waits for their transactions in flight, and Liberty waits for it.
 */
@ApplicationScoped
public class ServerPollers implements QuiesceParticipantMXBean {

    private static final Logger LOG = Logger.getLogger(ServerPollers.class.getName());
    /** The name the quiesce listener looks for: type QuiesceParticipant in the dev.ledgerline domain. */
    static final String MBEAN_NAME = "dev.ledgerline:type=QuiesceParticipant,name=pollers";

    @Resource
    ManagedThreadFactory threads;

    private final List<PollerThreads> made = new CopyOnWriteArrayList<>();
    private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();

    @PostConstruct
    void register() {
        try {
            mbeans.registerMBean(this, new ObjectName(MBEAN_NAME));
        } catch (JMException e) {
            // The pollers still stop with the application, only later than they should: say so, and run.
            LOG.warning("cannot register " + MBEAN_NAME + " for the server's quiesce; the pollers will stop only"
                    + " when the application stops: " + e);
        }
    }

    /**
     * New poller threads on the server's managed thread factory, stopped at the start of the server's stop, or
     * earlier by their owner.
     *
     * @param stopWait how long a stop waits for each poller's transaction in flight
     */
    public PollerThreads newPollers(Duration stopWait) {
        PollerThreads pollers = new PollerThreads(threads, stopWait);
        made.add(pollers);
        return pollers;
    }

    @Override
    public void serverStopping() {
        long start = System.nanoTime();
        made.forEach(PollerThreads::askToStop);
        made.forEach(PollerThreads::awaitStopped);
        LOG.info("the server is stopping: its pollers have stopped and their transactions in flight have ended, in "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
    }

    @PreDestroy
    void unregister() {
        try {
            mbeans.unregisterMBean(new ObjectName(MBEAN_NAME));
        } catch (JMException e) {
            LOG.warning("cannot unregister " + MBEAN_NAME + ": " + e);
        }
    }
}
