package dev.ledgerline.quiesce;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.ibm.wsspi.kernel.service.utils.ServerQuiesceListener;

/**
 * Forwards the start of Liberty's quiesce to the application: calls {@code serverStopping()} on every MBean
 * named {@value #PARTICIPANTS} in the platform MBean server, and returns once they have returned. Liberty waits
 * (up to its quiesce timeout, 30 s) for every quiesce listener before it stops applications and resource
 * adapters, so a participant can end work that uses them while they are still there.
 *
 * <p>Why this exists: the application's pollers are threads of its own, stopped by {@code @PreDestroy} when the
 * application stops. Liberty stops the application only after the quiesce, in parallel with the broker's
 * resource adapter, whose connections can be gone while a poller's XA transaction is still in flight: the XA
 * end fails and the transaction completes heuristically. An application has no quiesce callback of its own
 * (Liberty's {@link ServerQuiesceListener} is an SPI), so this class, installed as a BELL library with SPI
 * visibility (server.xml), is that callback; it shares no class with the application, only the MBean's name
 * and operation, which are plain JMX.
 */
public class QuiesceForwarder implements ServerQuiesceListener {

    /** The MBeans told of the quiesce; the application registers them under this domain and type. */
    public static final String PARTICIPANTS = "dev.ledgerline:type=QuiesceParticipant,*";
    static final String OPERATION = "serverStopping";

    private static final Logger LOG = Logger.getLogger(QuiesceForwarder.class.getName());

    private final MBeanServer server;

    /** As Liberty's BELL makes it: on the platform MBean server, which the application registers in too. */
    public QuiesceForwarder() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    QuiesceForwarder(MBeanServer server) {
        this.server = server;
    }

    @Override
    public void serverStopping() {
        Set<ObjectName> participants;
        try {
            participants = server.queryNames(new ObjectName(PARTICIPANTS), null);
        } catch (JMException e) {
            throw new IllegalStateException("the participants' name pattern is malformed: " + PARTICIPANTS, e);
        }
        for (ObjectName participant : participants) {
            try {
                server.invoke(participant, OPERATION, new Object[0], new String[0]);
            } catch (JMException | JMRuntimeException e) {
                // One participant's failure (a runtime exception of its own arrives as a JMRuntimeException) must not keep the others from being told.
                LOG.log(Level.WARNING, participant + " failed to prepare for the server's stop", e);
            }
        }
    }
}
