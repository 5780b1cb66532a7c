package dev.ledgerline.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.check.InvariantReport;
import dev.ledgerline.ledger.domain.DeadLetterReason;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerClients;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.WorkerProcess;

/** The worker against a real broker process and an H2 file: a preloaded queue is applied, and nothing is left. */
class WorkerXaIT {

    @Test
    void preloadedTransfersAllReachAFinalStateAndEveryInvariantHolds() throws Exception {
        try (WorkerTestbed testbed = new WorkerTestbed("preloaded-transfers")) {
            testbed.preload(200, 42);

            WorkerProcess worker = testbed.startWorker(Map.of(), 2, "--node-id", "worker-a");
            testbed.awaitDrainedAndRecovered();
            String totals = testbed.totals();
            assertThat(totals).contains("\"EUR\":4885000", "\"USD\":1150000");
            worker.stop();
            String log = worker.output();

            InvariantReport report = testbed.checkInvariants();
            assertThat(report.allHold()).as(report.toString()).isTrue();
            // Each ended by this worker, named by its node id, in a Narayana transaction.
            assertThat(testbed.transfersEndedBy()).containsExactly(Map.entry("worker/worker-a narayana", 200));
            // One INFO line per transfer state change: 200 transfers, each queued once and ended once here.
            assertThat(log.lines().filter(l -> l.contains("[dev.ledgerline.transfers]"))).hasSize(200);
            assertThat(log).contains("Ledgerline worker stopped");
        }
    }

    @Test
    void workerSurvivesABrokerCrashInTheMiddleOfTheLoad() throws Exception {
        try (WorkerTestbed testbed = new WorkerTestbed("broker-crash")) {
            testbed.preload(300, 43);
            WorkerProcess worker = testbed.startWorker(Map.of(), 2);
            await().atMost(WorkerTestbed.DRAIN_TIMEOUT).until(() -> !testbed.totals().contains("\"COMPLETED\":0,"));

            testbed.crashAndRestartBroker();

            // The same worker process reconnects, and its recovery finishes what the broker's crash interrupted.
            testbed.awaitDrainedAndRecovered();
            assertThat(worker.isAlive()).isTrue();
            worker.stop();
            assertThat(worker.output()).contains("is taking messages again");
            InvariantReport report = testbed.checkInvariants();
            assertThat(report.allHold()).as(report.toString()).isTrue();
        }
    }

    @Test
    void aMessageThatNamesNoTransferEndsOnTheDeadLetterQueueAndIsConsumedThere() throws Exception {
        try (WorkerTestbed testbed = new WorkerTestbed("dead-letter")) {
            WorkerProcess worker = testbed.startWorker(Map.of(), 2);
            try (ActiveMQConnectionFactory factory = BrokerClients.connectionFactory(testbed.brokerUrl());
                 JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
                context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                        .send(context.createQueue(TransferQueue.XA.address()), "not a transfer id");
                context.commit();
            }

            // Every delivery the broker allows fails (each rolled back), then the broker moves it; the
            // dead-letter consumer takes it and records why.
            try (BrokerInspector inspector = BrokerInspector.connect(testbed.brokerUrl())) {
                await().atMost(WorkerTestbed.DRAIN_TIMEOUT).untilAsserted(() -> {
                    assertThat(worker.output()).contains("recorded: UNREADABLE_BODY");
                    assertThat(inspector.messageCount(TransferQueue.XA.address())).isZero();
                    assertThat(inspector.messageCount(TransferQueue.XA.deadLetterAddress())).isZero();
                });
            }
            worker.stop();
            String log = worker.output();
            assertThat(log.lines().filter(l -> l.contains("rolled back and will be redelivered")))
                    .hasSize(TransferQueue.DEFAULT_MAX_DELIVERY_ATTEMPTS);
            // Expected rejections are one WARNING line each, never a stack trace.
            assertThat(log).doesNotContain("\tat dev.ledgerline");
            assertThat(testbed.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo(DeadLetterReason.UNREADABLE_BODY);
                assertThat(d.queue()).isEqualTo(TransferQueue.XA.deadLetterAddress());
                assertThat(d.originalQueue()).isEqualTo(TransferQueue.XA.address());
                assertThat(d.bodyExcerpt()).isEqualTo("not a transfer id");
            });
        }
    }
}
