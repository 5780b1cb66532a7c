package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.ledgerline.ledger.domain.DeadLetterReason;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerClients;
import dev.ledgerline.testkit.BrokerInspector;

/**
 * Hostile messages sent with the broker's own client straight onto every queue the server consumes: the two
 * transfer queues and their dead-letter queues. ({@code transfers.unsafe} and its dead-letter queue are
 * consumed only where the unsafe demonstration modes are enabled, which they are not here: a message there
 * would wait for ever, for nobody.) Garbage, SQL, script, control and bidirectional characters in text bodies;
 * bytes, map, object, stream and body-less messages; missing, blank, overlong and wrongly typed properties; a
 * well-formed message naming a transfer the ledger does not hold (and, on the dead-letter queues, one that has
 * ended); a body of megabytes, which Artemis carries as a large message. Meanwhile good transfers of both
 * designs are submitted through the API.
 *
 * <p>Each hostile message must end on its dead-letter queue (after the broker's redeliveries when sent to a
 * transfer queue) and be shown by {@code GET /api/dead-letters} with its reason and a sanitized excerpt; every
 * good transfer must complete while the hostile ones are still being redelivered; the queues must drain; and
 * nothing else may change: balances move by the good transfers alone and every invariant holds.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileMessagesIT {

    /** The broker redelivers a failing message 8 times over about 45 s; room for a slow, shared machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(150);
    private static final int GOOD_TRANSFERS = 40;
    /** 40 transfers 400 ms apart: submitted over 16 s, well inside the hostile messages' 45 s of redeliveries. */
    private static final Duration GOOD_SPACING = Duration.ofMillis(400);
    private static final int OVERSIZED_BYTES = 3 * 1024 * 1024;
    private static final List<TransferQueue> CONSUMED = List.of(TransferQueue.XA, TransferQueue.IDEMPOTENT);

    private final LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort());

    @Deployment(testable = false)
    static EnterpriseArchive ledgerline() {
        return Deployments.ledgerline();
    }

    /** Makes one hostile message. */
    @FunctionalInterface
    private interface Maker {
        Message make(JMSContext context) throws JMSException;
    }

    /**
     * One kind of hostile message and the reason it must be recorded with.
     *
     * @param onIdempotent the reason where the idempotent consumer's message key makes a difference, else null
     * @param deadLetterQueuesOnly for a message a transfer queue rightly consumes (it names an ended transfer)
     */
    private record Hostile(String what, DeadLetterReason reason, DeadLetterReason onIdempotent,
                           boolean deadLetterQueuesOnly, Maker maker) {
        DeadLetterReason reasonOn(TransferQueue queue) {
            return queue == TransferQueue.IDEMPOTENT && onIdempotent != null ? onIdempotent : reason;
        }
    }

    /** A hostile message as sent, and where and why it must be recorded. */
    private record Sent(String what, String messageId, String sentTo, String deadLetterQueue, String originalQueue,
                        DeadLetterReason reason) {
    }

    /** A good transfer submitted during the flood, and the balance change it must cause. */
    private record Good(UUID id, String from, String to, long minor) {
    }

    @Test
    void hostileMessagesAreDeadLetteredWithTheirReasonAndGoodTransfersCompleteMeanwhile() throws Exception {
        UUID ended = api.submitAccepted("xa", "ACC-003", "ACC-004", "0.01", "EUR");
        JsonObject endedBefore = api.awaitFinal(ended, DEADLINE);
        api.assertInvariantsHold(Duration.ZERO);
        Map<String, Long> before = api.balances();

        ExecutorService client = Executors.newSingleThreadExecutor();
        List<Sent> sent;
        List<Good> goods;
        Instant floodSent;
        try {
            Future<List<Good>> submitted = client.submit(this::submitGoodTransfers);
            sent = sendHostileMessages(hostileMessages(ended));
            floodSent = Instant.now();
            goods = submitted.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            client.shutdownNow();
        }

        Map<UUID, JsonObject> finished = new HashMap<>();
        for (Good good : goods) {
            finished.put(good.id(), api.awaitFinal(good.id(), DEADLINE));
        }
        assertThat(finished.values()).as("good transfers sent during the flood")
                .allSatisfy(t -> assertThat(t.getString("status")).isEqualTo("COMPLETED"));

        Map<String, JsonObject> recorded = await("every hostile message is shown as a dead letter").atMost(DEADLINE)
                .pollInterval(Duration.ofSeconds(1))
                .until(this::deadLettersById, byId -> sent.stream().allMatch(s -> byId.containsKey(s.messageId())));
        try (var broker = BrokerInspector.connect(IntegrationSettings.brokerUrl())) {
            for (TransferQueue queue : CONSUMED) {
                for (String name : List.of(queue.address(), queue.deadLetterAddress())) {
                    await(name + " drains").atMost(DEADLINE).until(() -> broker.messageCount(name) == 0);
                }
            }
        }
        Duration drain = Duration.between(floodSent, Instant.now());

        for (Sent s : sent) {
            JsonObject d = recorded.get(s.messageId());
            assertThat(d.getString("queue")).as(s.what() + " on " + s.sentTo()).isEqualTo(s.deadLetterQueue());
            assertThat(textOrNull(d, "originalQueue")).as(s.what() + " on " + s.sentTo()).isEqualTo(s.originalQueue());
            assertThat(d.getString("reason")).as(s.what() + " on " + s.sentTo()).isEqualTo(s.reason().name());
            assertThat(d.getString("detail")).as(s.what() + " on " + s.sentTo()).isNotBlank();
            String excerpt = textOrNull(d, "bodyExcerpt");
            if (excerpt != null) {
                assertThat(excerpt).as(s.what() + " on " + s.sentTo()).hasSizeLessThanOrEqualTo(100)
                        .matches("[\\x20-\\x7e&&[^<>&\"'`\\\\]]*");
            }
        }
        // Every good transfer completed before the first hostile message from a transfer queue was dead-lettered:
        // the consumers served them while the hostile messages were still being redelivered.
        Instant firstDeadLettered = sent.stream().filter(s -> s.originalQueue() != null)
                .map(s -> Instant.parse(recorded.get(s.messageId()).getString("receivedAt"))).min(Instant::compareTo)
                .orElseThrow();
        Instant lastGoodCompleted = finished.values().stream().map(t -> Instant.parse(t.getString("completedAt")))
                .max(Instant::compareTo).orElseThrow();
        assertThat(lastGoodCompleted).as("the last good transfer completed").isBefore(firstDeadLettered);

        JsonObject endedAfter = api.transfer(ended);
        assertThat(endedAfter.getString("status")).isEqualTo(endedBefore.getString("status"));
        assertThat(endedAfter.get("reason")).isEqualTo(endedBefore.get("reason"));
        assertThat(api.balances()).as("balances moved by the good transfers alone").isEqualTo(expected(before, goods));
        api.assertInvariantsHold(Duration.ofSeconds(60));

        Map<String, Long> perQueue = new TreeMap<>();
        sent.forEach(s -> perQueue.merge(s.sentTo(), 1L, Long::sum));
        System.out.println("HostileMessagesIT: hostile messages sent per queue " + perQueue + "; good transfers sent"
                + " during the flood " + goods.size() + ", completed " + finished.values().stream()
                .filter(t -> t.getString("status").equals("COMPLETED")).count()
                + " (the last " + Duration.between(lastGoodCompleted, firstDeadLettered).toSeconds()
                + " s before the first hostile message was dead-lettered); time to drain "
                + drain.toSeconds() + " s after the last hostile message was sent");
    }

    /**
     * The broker's own client, without the resource adapter or the application: the one place the test
     * connects to the broker, as any other sender would.
     */
    private static ActiveMQConnectionFactory brokerClient() {
        return BrokerClients.connectionFactory(IntegrationSettings.brokerUrl());
    }

    private static List<Hostile> hostileMessages(UUID endedTransfer) {
        String unknown = UUID.randomUUID().toString();
        List<Hostile> all = new ArrayList<>();
        all.add(new Hostile("an empty text", DeadLetterReason.UNREADABLE_BODY, null, false,
                c -> c.createTextMessage("")));
        all.add(new Hostile("a text message without a body", DeadLetterReason.UNREADABLE_BODY, null, false,
                c -> c.createTextMessage()));
        all.add(new Hostile("garbage text with hostile headers", DeadLetterReason.UNREADABLE_BODY, null, false, c -> {
            TextMessage m = c.createTextMessage("hello, ledger");
            m.setJMSType("<script>alert(1)</script>");
            m.setJMSCorrelationID("'; DROP TABLE transfer; --");
            return m;
        }));
        all.add(new Hostile("SQL", DeadLetterReason.UNREADABLE_BODY, null, false,
                c -> c.createTextMessage("'; DROP TABLE transfer; DELETE FROM account; --")));
        all.add(new Hostile("script", DeadLetterReason.UNREADABLE_BODY, null, false,
                c -> c.createTextMessage("<script>alert(document.cookie)</script><img src=x onerror=alert(1)>")));
        all.add(new Hostile("control and bidirectional characters around an id", DeadLetterReason.UNREADABLE_BODY,
                null, false, c -> c.createTextMessage("\u0000\u0007\r\n\u202e\u2066" + unknown + "\u202c\u0008")));
        all.add(new Hostile("a non-canonical id", DeadLetterReason.UNREADABLE_BODY, null, false,
                c -> c.createTextMessage("1-2-3-4-5")));
        all.add(new Hostile("a bytes message", DeadLetterReason.WRONG_MESSAGE_TYPE, null, false, c -> {
            BytesMessage m = c.createBytesMessage();
            m.writeBytes(unknown.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return m;
        }));
        all.add(new Hostile("a map message", DeadLetterReason.WRONG_MESSAGE_TYPE, null, false, c -> {
            MapMessage m = c.createMapMessage();
            m.setString("transferId", unknown);
            return m;
        }));
        all.add(new Hostile("an object message", DeadLetterReason.WRONG_MESSAGE_TYPE, null, false,
                c -> c.createObjectMessage(unknown)));
        all.add(new Hostile("a stream message", DeadLetterReason.WRONG_MESSAGE_TYPE, null, false, c -> {
            StreamMessage m = c.createStreamMessage();
            m.writeString(unknown);
            return m;
        }));
        all.add(new Hostile("a message without a body", DeadLetterReason.WRONG_MESSAGE_TYPE, null, false,
                JMSContext::createMessage));
        all.add(new Hostile("an unknown transfer, no properties", DeadLetterReason.UNKNOWN_TRANSFER, null, false,
                c -> c.createTextMessage(UUID.randomUUID().toString())));
        all.add(new Hostile("an unknown transfer, a blank key and a bad mode", DeadLetterReason.UNKNOWN_TRANSFER,
                DeadLetterReason.WRONG_PROPERTY, false, c -> {
                    TextMessage m = c.createTextMessage(UUID.randomUUID().toString());
                    m.setStringProperty(TransferMessages.MESSAGE_KEY_PROPERTY, " ");
                    m.setStringProperty(TransferMessages.MODE_PROPERTY, "<script>");
                    return m;
                }));
        all.add(new Hostile("an unknown transfer with an overlong key", DeadLetterReason.UNKNOWN_TRANSFER,
                DeadLetterReason.WRONG_PROPERTY, false, c -> {
                    TextMessage m = c.createTextMessage(UUID.randomUUID().toString());
                    m.setStringProperty(TransferMessages.MESSAGE_KEY_PROPERTY, "k".repeat(5_000));
                    return m;
                }));
        all.add(new Hostile("an unknown transfer with properties of the wrong type", DeadLetterReason.UNKNOWN_TRANSFER,
                null, false, c -> {
                    TextMessage m = c.createTextMessage(UUID.randomUUID().toString());
                    m.setLongProperty(TransferMessages.MESSAGE_KEY_PROPERTY, System.nanoTime());
                    m.setBooleanProperty(TransferMessages.MODE_PROPERTY, true);
                    return m;
                }));
        all.add(new Hostile("an id padded to 3 MiB", DeadLetterReason.TOO_LARGE, null, false,
                c -> c.createTextMessage(UUID.randomUUID() + " ".repeat(OVERSIZED_BYTES))));
        all.add(new Hostile("a transfer that has ended", DeadLetterReason.TRANSFER_ALREADY_ENDED, null, true,
                c -> c.createTextMessage(endedTransfer.toString())));
        return all;
    }

    /** Sends each hostile message to both transfer queues and both dead-letter queues, as it applies. */
    private static List<Sent> sendHostileMessages(List<Hostile> hostile) throws JMSException {
        List<Sent> sent = new ArrayList<>();
        try (ActiveMQConnectionFactory factory = brokerClient(); JMSContext context = factory.createContext()) {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (TransferQueue queue : CONSUMED) {
                for (Hostile h : hostile) {
                    if (!h.deadLetterQueuesOnly()) {
                        Message m = h.maker().make(context);
                        producer.send(context.createQueue(queue.address()), m);
                        sent.add(new Sent(h.what(), m.getJMSMessageID(), queue.address(), queue.deadLetterAddress(),
                                queue.address(), h.reasonOn(queue)));
                    }
                    Message m = h.maker().make(context);
                    producer.send(context.createQueue(queue.deadLetterAddress()), m);
                    sent.add(new Sent(h.what(), m.getJMSMessageID(), queue.deadLetterAddress(),
                            queue.deadLetterAddress(), null, h.reasonOn(queue)));
                }
            }
        }
        return sent;
    }

    /** Good transfers of both designs, one every {@link #GOOD_SPACING}, back and forth between two accounts. */
    private List<Good> submitGoodTransfers() throws InterruptedException {
        List<Good> goods = new ArrayList<>();
        for (int i = 0; i < GOOD_TRANSFERS; i++) {
            String mode = i % 2 == 0 ? "xa" : "idempotent";
            String from = i % 4 < 2 ? "ACC-001" : "ACC-002";
            String to = from.equals("ACC-001") ? "ACC-002" : "ACC-001";
            long minor = i + 1;
            UUID id = api.submitAccepted(mode, from, to, String.format("0.%02d", minor), "EUR");
            goods.add(new Good(id, from, to, minor));
            Thread.sleep(GOOD_SPACING.toMillis());
        }
        return goods;
    }

    private static Map<String, Long> expected(Map<String, Long> before, List<Good> goods) {
        Map<String, Long> expected = new LinkedHashMap<>(before);
        for (Good g : goods) {
            expected.merge(g.from(), -g.minor(), Long::sum);
            expected.merge(g.to(), g.minor(), Long::sum);
        }
        return expected;
    }

    /** The dead letters the API shows, by broker message id. */
    private Map<String, JsonObject> deadLettersById() {
        LedgerApiClient.Reply reply = api.get("dead-letters?limit=500");
        assertThat(reply.status()).isEqualTo(200);
        Map<String, JsonObject> byId = new HashMap<>();
        for (JsonValue v : reply.jsonArrayOrObject().asJsonArray()) {
            JsonObject d = v.asJsonObject();
            String id = textOrNull(d, "brokerMessageId");
            if (id != null) {
                byId.put(id, d);
            }
        }
        return byId;
    }

    private static String textOrNull(JsonObject o, String name) {
        return !o.containsKey(name) || o.isNull(name) ? null : o.getString(name);
    }
}
