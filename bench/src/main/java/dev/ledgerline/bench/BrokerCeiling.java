package dev.ledgerline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import dev.ledgerline.harness.RunDirectory;
import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerClients;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.BrokerProcess;

/**
 * The broker alone: per transfer, the two broker transactions both designs make (a persistent send
 * committed, as the submission or the relay does; a receive committed, as the consumer's acknowledgement
 * does), from C threads in a tight loop, on a fresh broker. No database: what neither design can exceed on
 * this broker.
 */
final class BrokerCeiling {

    static final String LATENCY_MEANING = "one round trip: send + commit, receive + commit";
    /** The workload column of the broker's rows: the broker's work does not depend on the accounts. */
    static final String ANY = BrokerJournal.ANY;
    private static final String QUEUE = TransferQueue.XA.address();
    private static final long RECEIVE_TIMEOUT_MS = 30_000;
    /**
     * Round trips per warm-up round on the fresh broker, unreported: a new broker JVM compiles its hot code
     * during its first tens of thousands of messages, and that compiler time would otherwise count as the
     * broker's CPU per round trip (with 2,000 round trips of warm-up, a third of it still was).
     */
    static final int WARMUP_ROUND_TRIPS = 1000;
    /** Warm-up rounds at the least: the 2,000 round trips every run had before the warm-up waited for the JIT. */
    static final int MIN_WARMUP_ROUNDS = 2;

    private final Path runsDir;
    private final Ports ports;
    private final BrokerJournal journal;
    private final int maxWarmupRounds;

    BrokerCeiling(Path runsDir, Ports ports, BrokerJournal journal, int maxWarmupRounds) {
        this.runsDir = runsDir;
        this.ports = ports;
        this.journal = journal;
        this.maxWarmupRounds = Math.max(MIN_WARMUP_ROUNDS, maxWarmupRounds);
    }

    Row run(int consumers, int transfers) throws Exception {
        return run("ceiling-broker-" + journal.name().toLowerCase(java.util.Locale.ROOT) + "-c" + consumers, consumers,
                transfers, null);
    }

    /**
     * An untimed pass on one thread with strace attached to the broker (it also warms this JVM's client up);
     * adds the count to {@code syncs} if strace could count.
     */
    void countSyncs(int transfers, List<SyncCount> syncs) throws Exception {
        run("ceiling-broker-syncs", 1, transfers, syncs);
    }

    private Row run(String name, int consumers, int transfers, List<SyncCount> syncs) throws Exception {
        Path dir = RunDirectory.fresh(runsDir.resolve(name));
        Latencies latencies = new Latencies();
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"), ports.broker(), journal.brokerArgs());
             // No prefetch, as the server's connection factories: a buffered message would wait in one
             // thread's consumer while another thread waits for it.
             ActiveMQConnectionFactory factory = BrokerClients.connectionFactory(broker.url() + "?consumerWindowSize=0")) {
            // The traced pass only counts syncs, which the JIT does not change: its minimum warm-up will do.
            JitWarmUp.run("the broker of " + name, broker.pid(), MIN_WARMUP_ROUNDS,
                    syncs == null ? maxWarmupRounds : MIN_WARMUP_ROUNDS,
                    () -> roundTrips(factory, new AtomicInteger(WARMUP_ROUND_TRIPS), new Latencies()));
            AtomicInteger remaining = new AtomicInteger(transfers);
            ExecutorService threads = Executors.newFixedThreadPool(consumers);
            Optional<SyncCounter> tracer = syncs == null ? Optional.empty()
                    : SyncCounter.attach(dir, broker.pid());
            Duration cpuBefore = ProcessMeter.cpu(broker.pid());
            long start = System.nanoTime();
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < consumers; i++) {
                    running.add(threads.submit(() -> roundTrips(factory, remaining, latencies)));
                }
                for (Future<?> f : running) {
                    f.get(15, TimeUnit.MINUTES);
                }
            } finally {
                threads.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Duration cpu = ProcessMeter.cpu(broker.pid()).minus(cpuBefore);
            if (tracer.isPresent()) {
                tracer.get().stop().ifPresent(n -> syncs.add(new SyncCount("broker alone, 1 thread: send + commit, "
                        + "receive + commit (" + journal.workload() + ")", Row.CEILING + " " + Row.BROKER_CEILING + " "
                        + journal.workload(), "broker", latencies.count(), n)));
            }
            Double heap = ProcessMeter.heapUsedMbAfterGc(broker.pid());
            try (BrokerInspector inspector = BrokerInspector.connect(broker.url())) {
                long left = inspector.messageCount(QUEUE);
                InvariantGate.require(name, List.of(InvariantResult.of("queues-drained",
                        "every message sent was received and acknowledged", left, QUEUE + " holds " + left,
                        QUEUE + " is empty")));
            }
            return new Row(Row.CEILING, Row.BROKER_CEILING, journal.workload(), consumers, latencies.count(), latencies.count() / seconds,
                    latencies.percentiles(), cpu.toNanos() / 1e6 / Math.max(1, latencies.count()), heap,
                    LATENCY_MEANING);
        }
    }

    private static Void roundTrips(ActiveMQConnectionFactory factory, AtomicInteger remaining, Latencies latencies) {
        try (JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = context.createQueue(QUEUE);
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                while (remaining.getAndDecrement() > 0) {
                    long begin = System.nanoTime();
                    producer.send(queue, TransferMessages.create(context, UUID.randomUUID()));
                    context.commit();
                    Message received = consumer.receive(RECEIVE_TIMEOUT_MS);
                    if (received == null) {
                        throw new IllegalStateException("no message within " + RECEIVE_TIMEOUT_MS + " ms of a send");
                    }
                    context.commit();
                    latencies.record(Duration.ofNanos(System.nanoTime() - begin));
                }
            }
        }
        return null;
    }
}
