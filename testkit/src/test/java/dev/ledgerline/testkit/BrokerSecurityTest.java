package dev.ledgerline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.QueueBrowser;

import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledgerline.ledger.messaging.BrokerUser;
import dev.ledgerline.ledger.messaging.TransferQueue;

/**
 * The packaged broker lets in only its users, with their passwords, and lets the applications' users touch
 * the Ledgerline queues only. The refusals go through the core client where the JMS client would refuse on
 * its own first (it looks a queue up before it sends or consumes), so that what is checked is the broker's
 * security and not the client's lookup.
 */
class BrokerSecurityTest {

    private static final String NOT_LEDGERLINE = "not.ledgerline";
    private static final long RECEIVE_TIMEOUT_MILLIS = 5_000;

    @TempDir
    static Path tempDir;

    private static BrokerProcess broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = BrokerProcess.start(tempDir, FreePort.pick());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void saysOnceThatSecurityIsOnAndWhoMayLogInButNoPassword() throws Exception {
        String log = Files.readString(broker.logFile());
        assertThat(log.split("security is on", -1)).hasSize(2);
        for (BrokerUser user : BrokerUser.values()) {
            assertThat(log).contains(user.userName()).doesNotContain(user.password());
        }
    }

    @Test
    void refusesAConnectionWithoutCredentials() {
        // Deliberately the one factory without credentials: what an old client, or a stranger, would use.
        try (ActiveMQConnectionFactory anonymous = new ActiveMQConnectionFactory(broker.url())) {
            assertThatThrownBy(anonymous::createContext).isInstanceOf(JMSSecurityRuntimeException.class);
        }
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownUser() {
        try (ActiveMQConnectionFactory wrongPassword = new ActiveMQConnectionFactory(broker.url(),
                BrokerUser.SERVER.userName(), BrokerUser.SERVER.password() + "-wrong");
             ActiveMQConnectionFactory guest = new ActiveMQConnectionFactory(broker.url(), "guest", "guest")) {
            assertThatThrownBy(wrongPassword::createContext).isInstanceOf(JMSSecurityRuntimeException.class);
            assertThatThrownBy(guest::createContext).isInstanceOf(JMSSecurityRuntimeException.class);
        }
    }

    @Test
    void refusesAnotherUsersPassword() {
        try (ActiveMQConnectionFactory swapped = new ActiveMQConnectionFactory(broker.url(),
                BrokerUser.SERVER.userName(), BrokerUser.WORKER.password())) {
            assertThatThrownBy(swapped::createContext).isInstanceOf(JMSSecurityRuntimeException.class);
        }
    }

    @Test
    void theServerSendsConsumesAndBrowsesOnTheLedgerlineQueues() throws Exception {
        String queue = TransferQueue.XA.address();
        try (ActiveMQConnectionFactory server = BrokerClients.connectionFactory(broker.url(), BrokerUser.SERVER);
             JMSContext context = server.createContext(JMSContext.SESSION_TRANSACTED)) {
            context.createProducer().send(context.createQueue(queue), "transfer");
            context.commit();
            try (QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
                assertThat(Collections.list(browser.getEnumeration())).hasSize(1);
            }
            assertThat(context.createConsumer(context.createQueue(queue))
                    .receiveBody(String.class, RECEIVE_TIMEOUT_MILLIS)).isEqualTo("transfer");
            context.commit();
            // The backlog page counts dead letters with a browser.
            try (QueueBrowser browser = context.createBrowser(context.createQueue(TransferQueue.XA.deadLetterAddress()))) {
                assertThat(Collections.list(browser.getEnumeration())).isEmpty();
            }
        }
    }

    @Test
    void theServerMayNotSendOutsideTheLedgerlineQueues() throws Exception {
        try (CoreSession server = CoreSession.open(broker.url(), BrokerUser.SERVER)) {
            assertThatThrownBy(() -> server.session.createProducer(NOT_LEDGERLINE)
                    .send(server.session.createMessage(true)))
                    .isInstanceOf(ActiveMQSecurityException.class)
                    .hasMessageContaining("SEND").hasMessageContaining(NOT_LEDGERLINE);
            // Nor ask the broker anything through management, which the tools user may. Durable, so that the
            // send blocks and the broker's refusal comes back to it.
            assertThatThrownBy(() -> server.session.createProducer("activemq.management")
                    .send(server.session.createMessage(true)))
                    .isInstanceOf(ActiveMQSecurityException.class)
                    .hasMessageContaining("MANAGE");
        }
    }

    @Test
    void theServerMayNotCreateOrConsumeFromQueuesOutsideTheLedgerlineQueues() throws Exception {
        try (CoreSession tools = CoreSession.open(broker.url(), BrokerUser.TOOLS);
             CoreSession server = CoreSession.open(broker.url(), BrokerUser.SERVER)) {
            assertThatThrownBy(() -> server.session.createQueue(QueueConfiguration.of(NOT_LEDGERLINE)
                    .setDurable(false).setTemporary(true)))
                    .isInstanceOf(ActiveMQSecurityException.class)
                    .hasMessageContaining("CREATE_NON_DURABLE_QUEUE");

            // A queue that exists, so that only security can refuse: one like the tools' management replies.
            String replies = "activemq.management." + NOT_LEDGERLINE;
            tools.session.createQueue(QueueConfiguration.of(replies).setDurable(false).setTemporary(true));
            assertThatThrownBy(() -> server.session.createConsumer(replies))
                    .isInstanceOf(ActiveMQSecurityException.class)
                    .hasMessageContaining("CONSUME");
            assertThatThrownBy(() -> server.session.createConsumer(replies, true))
                    .isInstanceOf(ActiveMQSecurityException.class)
                    .hasMessageContaining("BROWSE");
            // The grant the tools user holds there, and the server user does not, is what made the difference.
            tools.session.createConsumer(replies).close();
        }
    }

    /** A core session as {@code user}: the core client sends and consumes without looking the address up. */
    private record CoreSession(ServerLocator locator, ClientSessionFactory factory, ClientSession session)
            implements AutoCloseable {

        static CoreSession open(String url, BrokerUser user) throws Exception {
            ServerLocator locator = ActiveMQClient.createServerLocator(url);
            ClientSessionFactory factory = locator.createSessionFactory();
            ClientSession session = factory.createSession(user.userName(), user.password(),
                    false, true, true, false, locator.getAckBatchSize());
            return new CoreSession(locator, factory, session);
        }

        @Override
        public void close() {
            factory.close();
            locator.close();
        }
    }
}
