package dev.ledgerline.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSession.QueueQuery;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

import dev.ledgerline.ledger.messaging.BrokerUser;

/**
 * Looks into a running broker through the Artemis core client, so that a test can state what the broker holds
 * rather than what the application believes it sent: message counts, the queues that exist, and the XA
 * transactions left in doubt. Like the Artemis sessions it holds, it is meant for one thread at a time.
 */
public final class BrokerInspector implements AutoCloseable {

    /** The broker's default management address; the Ledgerline broker keeps it. */
    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long REPLY_TIMEOUT_MILLIS = 10_000;
    /**
     * Bounds each blocking call to the broker. The client's default (30 s) is made for remote brokers under
     * load; against a local test broker, 5 s is ample and keeps a call to a dead broker from stalling a test.
     */
    private static final long CALL_TIMEOUT_MILLIS = 5_000;

    private final ServerLocator locator;
    private final ClientSessionFactory sessionFactory;
    private final ClientSession session;
    private final ClientRequestor management;
    private final ClientSession xaSession;

    private BrokerInspector(ServerLocator locator, ClientSessionFactory sessionFactory, ClientSession session,
                            ClientRequestor management, ClientSession xaSession) {
        this.locator = locator;
        this.sessionFactory = sessionFactory;
        this.session = session;
        this.management = management;
        this.xaSession = xaSession;
    }

    /**
     * Connects to the broker at a core URL such as {@link BrokerProcess#url()}, as the tools user: the one
     * whose role may send management requests.
     */
    public static BrokerInspector connect(String url) throws Exception {
        ServerLocator locator = ActiveMQClient.createServerLocator(url).setCallTimeout(CALL_TIMEOUT_MILLIS);
        ClientSessionFactory sessionFactory = null;
        try {
            sessionFactory = locator.createSessionFactory();
            BrokerUser user = BrokerUser.TOOLS;
            // The flags are those of createSession() and createXASession(), which take no credentials.
            ClientSession session = sessionFactory.createSession(user.userName(), user.password(),
                    false, true, true, false, locator.getAckBatchSize());
            ClientRequestor management = new ClientRequestor(session, MANAGEMENT_ADDRESS);
            session.start();
            ClientSession xaSession = sessionFactory.createSession(user.userName(), user.password(),
                    true, false, false, false, locator.getAckBatchSize());
            return new BrokerInspector(locator, sessionFactory, session, management, xaSession);
        } catch (Exception e) {
            if (sessionFactory != null) {
                sessionFactory.close();
            }
            locator.close();
            throw e;
        }
    }

    /**
     * Messages in the queue, counting those delivered but not yet acknowledged and those scheduled for
     * redelivery. Acknowledgements are asynchronous by default, so a consumed message may still count for a
     * moment: poll rather than assert once.
     *
     * @throws IllegalArgumentException if the queue does not exist
     */
    public long messageCount(String queue) throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
        return ((Number) invoke(request, "messageCount of queue " + queue)).longValue();
    }

    /**
     * Names of the queues that exist, temporary queues left out: those belong to connected clients (this
     * inspector's own management replies among them), not to the broker's configuration.
     */
    public List<String> queueNames() throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putAttribute(request, ResourceNames.BROKER, "queueNames");
        Object[] names = (Object[]) invoke(request, "queueNames of the broker");
        List<String> permanent = new ArrayList<>();
        for (Object name : names) {
            QueueQuery query = session.queueQuery(SimpleString.of((String) name));
            // A queue may vanish between the listing and the query, as temporary queues do.
            if (query.isExists() && !query.isTemporary()) {
                permanent.add((String) name);
            }
        }
        return permanent;
    }

    /**
     * For the active broker of a replication pair: whether its peer holds a complete copy of its journal and
     * receives every durable write (Artemis's {@code replicaSync}). False for a broker on its own, and while a
     * backup is still copying.
     */
    public boolean isReplicaInSync() throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putAttribute(request, ResourceNames.BROKER, "replicaSync");
        return (Boolean) invoke(request, "replicaSync of the broker");
    }

    /**
     * XA transactions the broker holds in doubt — prepared, or heuristically completed and not yet forgotten —
     * whoever prepared them. This is what a transaction manager's recovery scan of the broker sees.
     */
    public List<Xid> preparedTransactions() throws XAException {
        return Arrays.asList(xaSession.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN));
    }

    /**
     * Closes the connection, which closes both sessions and the requestor and drops its temporary reply queue.
     * Closing those one by one would fail when a test has already killed the broker.
     *
     * <p>Close the inspector before killing its broker: a close that races with the broker's death can block
     * for the call timeout before the Artemis client notices the lost connection.
     */
    @Override
    public void close() {
        sessionFactory.close();
        locator.close();
    }

    private Object invoke(ClientMessage request, String what) throws Exception {
        ClientMessage reply = management.request(request, REPLY_TIMEOUT_MILLIS);
        if (reply == null) {
            throw new ActiveMQException("No management reply for " + what + " within " + REPLY_TIMEOUT_MILLIS
                    + " ms");
        }
        Object result = ManagementHelper.getResult(reply);
        if (!ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalArgumentException("Management request for " + what + " failed: " + result);
        }
        return result;
    }
}
