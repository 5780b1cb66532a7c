package dev.ledgerline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.XAJMSContext;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQQueue;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged broker as a separate process and checks what the other modules' tests rely on. */
class BrokerProcessTest {

    private static final String XA_QUEUE = "transfers.xa";
    private static final String IDEMPOTENT_QUEUE = "transfers.idempotent";
    private static final long RECEIVE_TIMEOUT_MILLIS = 5_000;
    private static final Duration COUNT_SETTLES = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    @Test
    void sendsAndReceivesOnATransferQueue() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(tempDir, FreePort.pick());
             BrokerInspector inspector = BrokerInspector.connect(broker.url());
             ActiveMQConnectionFactory factory = BrokerClients.connectionFactory(broker.url())) {

            send(factory, XA_QUEUE, "transfer 1");
            await().atMost(COUNT_SETTLES).until(() -> inspector.messageCount(XA_QUEUE) == 1);

            assertThat(receive(factory, XA_QUEUE)).isEqualTo("transfer 1");
            await().atMost(COUNT_SETTLES).until(() -> inspector.messageCount(XA_QUEUE) == 0);
            assertThat(inspector.preparedTransactions()).isEmpty();
        }
    }

    @Test
    void movesAMessageToItsDeadLetterQueueAfterTheConfiguredDeliveries() throws Exception {
        // Shortened delays keep the test fast; the option names are those the drills use to tune the broker.
        try (BrokerProcess broker = BrokerProcess.start(tempDir, FreePort.pick(),
                "--max-delivery-attempts", "3", "--redelivery-delay-ms", "20", "--max-redelivery-delay-ms", "50");
             BrokerInspector inspector = BrokerInspector.connect(broker.url());
             ActiveMQConnectionFactory factory = BrokerClients.connectionFactory(broker.url())) {
            send(factory, XA_QUEUE, "poison");

            try (JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED);
                 JMSConsumer consumer = context.createConsumer(context.createQueue(XA_QUEUE))) {
                for (int delivery = 1; delivery <= 3; delivery++) {
                    assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MILLIS))
                            .as("delivery %d", delivery).isEqualTo("poison");
                    context.rollback();
                }
                assertThat(consumer.receiveNoWait()).isNull();
            }

            assertThat(receive(factory, XA_QUEUE + ".dlq")).isEqualTo("poison");
            assertThat(inspector.messageCount(XA_QUEUE)).isZero();
        }
    }

    @Test
    void refusesAMisnamedTransferQueueInsteadOfCreatingIt() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(tempDir, FreePort.pick());
             BrokerInspector inspector = BrokerInspector.connect(broker.url());
             ActiveMQConnectionFactory factory = BrokerClients.connectionFactory(broker.url())) {

            // By name, as an application would look a queue up through its session.
            assertThatThrownBy(() -> send(factory, "transfers.nope", "lost transfer"))
                    .isInstanceOf(JMSRuntimeException.class)
                    .hasMessageContaining("no queue with name transfers.nope");
            // As a queue object, as an application server's administered jakarta.jms.Queue reaches the client.
            try (JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
                assertThatThrownBy(() -> context.createProducer().send(new ActiveMQQueue("transfers.nope"), "lost"))
                        .isInstanceOf(InvalidDestinationRuntimeException.class);
            }
            assertThat(inspector.queueNames()).containsExactlyInAnyOrder(
                    "transfers.xa", "transfers.xa.dlq", "transfers.idempotent", "transfers.idempotent.dlq",
                    "transfers.unsafe", "transfers.unsafe.dlq");
        }
    }

    @Test
    void persistentMessageSurvivesSigkill() throws Exception {
        int port = FreePort.pick();
        try (BrokerProcess broker = BrokerProcess.start(tempDir, port);
             ActiveMQConnectionFactory factory = BrokerClients.connectionFactory(broker.url())) {
            send(factory, IDEMPOTENT_QUEUE, "survivor");
            broker.kill();
            assertThat(broker.isAlive()).isFalse();
        }

        try (BrokerProcess restarted = BrokerProcess.start(tempDir, port);
             BrokerInspector inspector = BrokerInspector.connect(restarted.url());
             ActiveMQConnectionFactory factory = BrokerClients.connectionFactory(restarted.url())) {
            assertThat(inspector.messageCount(IDEMPOTENT_QUEUE)).isEqualTo(1);
            assertThat(receive(factory, IDEMPOTENT_QUEUE)).isEqualTo("survivor");
        }
    }

    @Test
    void reportsAPreparedTransactionAlsoAfterSigkill() throws Exception {
        int port = FreePort.pick();
        Xid xid = new TestXid(4711, "ledgerline-test".getBytes(StandardCharsets.US_ASCII), new byte[] {1});
        try (BrokerProcess broker = BrokerProcess.start(tempDir, port)) {
            prepareSend(broker.url(), xid, XA_QUEUE, "in doubt");
            try (BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
                assertThat(inspector.preparedTransactions()).extracting(BrokerProcessTest::describe)
                        .containsExactly(describe(xid));
                // A prepared send is not in the queue until the transaction commits.
                assertThat(inspector.messageCount(XA_QUEUE)).isZero();
            }
            broker.kill();
        }

        try (BrokerProcess restarted = BrokerProcess.start(tempDir, port);
             BrokerInspector inspector = BrokerInspector.connect(restarted.url());
             ActiveMQXAConnectionFactory factory = BrokerClients.xaConnectionFactory(restarted.url());
             XAJMSContext context = factory.createXAContext()) {
            assertThat(inspector.preparedTransactions()).extracting(BrokerProcessTest::describe)
                    .containsExactly(describe(xid));

            context.getXAResource().commit(xid, false);

            assertThat(inspector.preparedTransactions()).isEmpty();
            assertThat(inspector.messageCount(XA_QUEUE)).isEqualTo(1);
        }
    }

    @Test
    void refusesToReportReadyWhenItsPortIsTaken() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> BrokerProcess.start(tempDir, squatter.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited with status 3")
                    .hasMessageContaining("did not bind");
        }
    }

    private static void send(ActiveMQConnectionFactory factory, String queue, String text) {
        try (JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(context.createQueue(queue), text);
            context.commit();
        }
    }

    private static String receive(ActiveMQConnectionFactory factory, String queue) {
        try (JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            String body = context.createConsumer(context.createQueue(queue))
                    .receiveBody(String.class, RECEIVE_TIMEOUT_MILLIS);
            context.commit();
            return body;
        }
    }

    /** Leaves a persistent send prepared but not committed, as a transaction manager that crashed would. */
    private static void prepareSend(String url, Xid xid, String queue, String text) throws Exception {
        try (ActiveMQXAConnectionFactory factory = BrokerClients.xaConnectionFactory(url);
             XAJMSContext context = factory.createXAContext()) {
            XAResource resource = context.getXAResource();
            resource.start(xid, XAResource.TMNOFLAGS);
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(context.createQueue(queue), text);
            resource.end(xid, XAResource.TMSUCCESS);
            resource.prepare(xid);
        }
    }

    /** Xid implementations do not share equals(): compare what identifies a transaction branch. */
    private static String describe(Xid xid) {
        HexFormat hex = HexFormat.of();
        return xid.getFormatId() + ":" + hex.formatHex(xid.getGlobalTransactionId()) + ":"
                + hex.formatHex(xid.getBranchQualifier());
    }

    private record TestXid(int formatId, byte[] globalTransactionId, byte[] branchQualifier) implements Xid {

        @Override
        public int getFormatId() {
            return formatId;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return globalTransactionId.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return branchQualifier.clone();
        }
    }
}
