package dev.ledgerline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledgerline.ledger.messaging.TransferQueue;

/**
 * A replication pair as the issue asks for it, with real processes: the primary is killed with SIGKILL under a
 * client that keeps its connection, the backup takes over with every message, the client carries on, and the
 * restarted primary takes its role back with the messages sent meanwhile. Each message is counted by its body,
 * so that a lost one and a duplicate both show.
 */
class BrokerPairFailoverTest {

    private static final String QUEUE = TransferQueue.IDEMPOTENT.address();
    /** Long enough for a receive to outlast a fail-over; an empty receive ends the drain. */
    private static final long RECEIVE_TIMEOUT_MILLIS = 5_000;
    private static final Duration SETTLES = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    @Test
    void theBackupTakesOverWithEveryMessageAndTheRestartedPrimaryTakesItsRoleBack() throws Exception {
        try (BrokerPair pair = BrokerPair.start(tempDir, FreePort.pick(), FreePort.pick());
             ActiveMQConnectionFactory factory = BrokerClients.connectionFactory(pair.clientUrl());
             JMSContext plain = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSContext transacted = plain.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = plain.createQueue(QUEUE);
            List<String> sentBeforeTheCrash = send(plain, transacted, queue, "before-crash");

            long killedAt = System.nanoTime();
            pair.primary().kill();
            pair.awaitBackupActive();
            Duration backupActiveAfter = Duration.ofNanos(System.nanoTime() - killedAt);
            // The same client, on the same connection: it has moved to the backup by itself.
            List<String> sentAfterTheCrash = new ArrayList<>(List.of(sendOne(plain, queue, "after-crash-first")));
            Duration firstSendDoneAfter = Duration.ofNanos(System.nanoTime() - killedAt);
            sentAfterTheCrash.addAll(send(plain, transacted, queue, "after-crash"));
            System.out.printf("broker pair: backup active %d ms after the SIGKILL of the primary; "
                    + "the client's first send after it returned %d ms after the kill%n",
                    backupActiveAfter.toMillis(), firstSendDoneAfter.toMillis());

            List<String> expected = new ArrayList<>(sentBeforeTheCrash);
            expected.addAll(sentAfterTheCrash);
            assertThat(drain(transacted, queue)).as("every message on the backup, each once")
                    .containsExactlyInAnyOrderElementsOf(expected);

            List<String> sentBeforeTheFailBack = send(plain, transacted, queue, "before-fail-back");
            long restartedAt = System.nanoTime();
            pair.restartPrimary();
            System.out.printf("broker pair: restarted primary active again, with its backup in sync, %d ms after "
                    + "its start%n", Duration.ofNanos(System.nanoTime() - restartedAt).toMillis());

            assertThat(acceptsClients(pair.backup())).as("the backup is passive again: its port is closed").isFalse();
            try (BrokerInspector primary = BrokerInspector.connect(pair.primary().url())) {
                assertThat(primary.isReplicaInSync()).as("the backup replicates the primary again").isTrue();
                assertThat(primary.messageCount(QUEUE)).isEqualTo(sentBeforeTheFailBack.size());
            }
            // The same client again, moved back to the primary by itself.
            assertThat(drain(transacted, queue)).as("every message on the primary after the fail-back, each once")
                    .containsExactlyInAnyOrderElementsOf(sentBeforeTheFailBack);
            try (BrokerInspector primary = BrokerInspector.connect(pair.primary().url())) {
                await().atMost(SETTLES).until(() -> primary.messageCount(QUEUE) == 0);
            }
        }
    }

    /**
     * Ten persistent messages sent one by one (each send returns once the active broker, and its replica, have
     * it), then two transactions of five.
     */
    private static List<String> send(JMSContext plain, JMSContext transacted, Queue queue, String phase) {
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            sent.add(sendOne(plain, queue, phase + "-" + i));
        }
        JMSProducer producer = transacted.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int tx = 1; tx <= 2; tx++) {
            for (int i = 1; i <= 5; i++) {
                String body = phase + "-tx" + tx + "-" + i;
                producer.send(queue, body);
                sent.add(body);
            }
            transacted.commit();
        }
        return sent;
    }

    private static String sendOne(JMSContext plain, Queue queue, String body) {
        plain.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(queue, body);
        return body;
    }

    /** Receives until the queue stays empty, in one transaction, and commits it. */
    private static List<String> drain(JMSContext transacted, Queue queue) {
        List<String> received = new ArrayList<>();
        try (JMSConsumer consumer = transacted.createConsumer(queue)) {
            String body;
            while ((body = consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MILLIS)) != null) {
                received.add(body);
            }
        }
        transacted.commit();
        return received;
    }

    private static boolean acceptsClients(BrokerProcess broker) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BrokerProcess.HOST, broker.port()), 2_000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }
}
