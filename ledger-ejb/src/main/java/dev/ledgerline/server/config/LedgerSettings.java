package dev.ledgerline.server.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.idempotent.RetryPolicy;
import dev.ledgerline.ledger.messaging.RedeliveryPolicy;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.ledger.retention.RetentionWindow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ledger's settings, read through MicroProfile Config: a server.xml variable or an environment
 * variable (e.g. {@code LEDGERLINE_XA_CONSUMERS}) overrides each default.
 */
@ApplicationScoped
public class LedgerSettings {

    /** The retention window's setting, named in the refusal to start with too short a window. */
    static final String RETENTION_WINDOW = "ledgerline.retention.window-ms";

    @Inject
    @ConfigProperty(name = "ledgerline.transfer.max-amount", defaultValue = "1000000.00")
    BigDecimal maxTransferAmount;

    @Inject
    @ConfigProperty(name = "ledgerline.xa.consumers", defaultValue = "4")
    int xaConsumers;

    @Inject
    @ConfigProperty(name = "ledgerline.xa.batch-size", defaultValue = "8")
    int xaBatchSize;

    @Inject
    @ConfigProperty(name = "ledgerline.idempotent.consumers", defaultValue = "4")
    int idempotentConsumers;

    @Inject
    @ConfigProperty(name = "ledgerline.idempotent.batch-size", defaultValue = "8")
    int idempotentBatchSize;

    @Inject
    @ConfigProperty(name = "ledgerline.poll.wait-ms", defaultValue = "1000")
    long pollWaitMillis;

    @Inject
    @ConfigProperty(name = "ledgerline.transfer.default-mode", defaultValue = "xa")
    String defaultMode;

    @Inject
    @ConfigProperty(name = "ledgerline.idempotent.max-attempts", defaultValue = "10")
    int idempotentMaxAttempts;

    @Inject
    @ConfigProperty(name = "ledgerline.idempotent.backoff-base-ms", defaultValue = "2")
    long idempotentBackoffBaseMillis;

    @Inject
    @ConfigProperty(name = "ledgerline.idempotent.backoff-cap-ms", defaultValue = "100")
    long idempotentBackoffCapMillis;

    @Inject
    @ConfigProperty(name = "ledgerline.outbox.period-ms", defaultValue = "50")
    long outboxPeriodMillis;

    @Inject
    @ConfigProperty(name = "ledgerline.outbox.wake", defaultValue = "true")
    boolean outboxWake;

    @Inject
    @ConfigProperty(name = "ledgerline.outbox.batch", defaultValue = "50")
    int outboxBatch;

    @Inject
    @ConfigProperty(name = "ledgerline.outbox.lease-ms", defaultValue = "30000")
    long outboxLeaseMillis;

    /**
     * How long a processed-message record, and an outbox row once published, is kept. Ten minutes: over four
     * times the longest the system itself takes to bring a copy of a message on its defaults (45 s of broker
     * redelivery, a crashed server's connection declared dead within the client's 60 s time-to-live, a relay's
     * lapsed claim of 30 s), at the cost of ten minutes of rows. It must exceed the broker's redelivery window, or the
     * application refuses to start ({@link #retentionWindow()}).
     */
    @Inject
    @ConfigProperty(name = RETENTION_WINDOW, defaultValue = "600000")
    long retentionWindowMillis;

    @Inject
    @ConfigProperty(name = "ledgerline.retention.period-ms", defaultValue = "60000")
    long retentionPeriodMillis;

    @Inject
    @ConfigProperty(name = "ledgerline.retention.batch", defaultValue = "500")
    int retentionBatch;

    /*
     * The broker's redelivery policy, as the broker is given it: the broker reads the same environment
     * variables (LEDGERLINE_BROKER_MAX_DELIVERY_ATTEMPTS, ...) unless its command line says otherwise. The
     * server only needs it to know how long copies of a message may keep coming.
     */
    @Inject
    @ConfigProperty(name = "ledgerline.broker.max-delivery-attempts",
            defaultValue = "" + TransferQueue.DEFAULT_MAX_DELIVERY_ATTEMPTS)
    int brokerMaxDeliveryAttempts;

    @Inject
    @ConfigProperty(name = "ledgerline.broker.redelivery-delay-ms",
            defaultValue = "" + TransferQueue.DEFAULT_REDELIVERY_DELAY_MILLIS)
    long brokerRedeliveryDelayMillis;

    @Inject
    @ConfigProperty(name = "ledgerline.broker.redelivery-multiplier",
            defaultValue = "" + TransferQueue.DEFAULT_REDELIVERY_MULTIPLIER)
    double brokerRedeliveryMultiplier;

    @Inject
    @ConfigProperty(name = "ledgerline.broker.max-redelivery-delay-ms",
            defaultValue = "" + TransferQueue.DEFAULT_MAX_REDELIVERY_DELAY_MILLIS)
    long brokerMaxRedeliveryDelayMillis;

    /**
     * Whether the unsafe demonstration modes ({@code at-most-once}, {@code at-least-once-naive}) are accepted
     * and consumed. Off by default; the crash drills turn it on to show the invariant checker failing.
     */
    @Inject
    @ConfigProperty(name = "ledgerline.unsafe-modes.enabled", defaultValue = "false")
    boolean unsafeModesEnabled;

    /**
     * This server's name among the processes that consume the same queues, recorded with every transfer it
     * ends ({@code liberty/<name>}); in a cluster also its recovery identity. No default here: server.xml holds
     * the one default ({@code ledgerline}).
     */
    @Inject
    @ConfigProperty(name = "ledgerline.process.name")
    String processName;

    /** The latest crash drill report (report.json), shown by the web UI when the file exists. */
    @Inject
    @ConfigProperty(name = "ledgerline.report.drills")
    Optional<String> drillReport;

    /** The latest benchmark report (report.json), shown by the web UI when the file exists. */
    @Inject
    @ConfigProperty(name = "ledgerline.report.bench")
    Optional<String> benchReport;

    /** The mode of a transfer whose request names none. */
    public TransferMode defaultMode() {
        return TransferMode.fromWireName(defaultMode).orElseThrow(() -> new IllegalStateException(
                "ledgerline.transfer.default-mode must be xa or idempotent, not " + defaultMode));
    }

    /**
     * This server's name as recorded on the transfers it ends: {@code liberty/<ledgerline.process.name>}.
     *
     * @throws IllegalStateException if {@code ledgerline.process.name} is not a plain name
     */
    public String processName() {
        try {
            return AppliedBy.libertyProcess(processName);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ledgerline.process.name (env LEDGERLINE_PROCESS_NAME) "
                    + e.getMessage(), e);
        }
    }

    /** Who this server says ended a transfer, for a consumer whose transactions {@code coordinator} coordinates. */
    public AppliedBy appliedBy(Coordinator coordinator) {
        return new AppliedBy(processName(), coordinator);
    }

    /** How often the idempotent consumer retries a transfer whose accounts moved under it, and how it waits. */
    public RetryPolicy idempotentRetryPolicy() {
        return new RetryPolicy(idempotentMaxAttempts, Duration.ofMillis(idempotentBackoffBaseMillis),
                Duration.ofMillis(idempotentBackoffCapMillis));
    }

    /** How long the outbox relay waits before looking again when it found nothing to publish. */
    public Duration outboxPeriod() {
        return Duration.ofMillis(outboxPeriodMillis);
    }

    /** Whether a submission wakes the relay after its commit, rather than leaving the row to the next period. */
    public boolean outboxWake() {
        return outboxWake;
    }

    /** How long a relay's claim on outbox rows lasts: after a crash, its rows wait this long to be published again. */
    public Duration outboxLease() {
        return Duration.ofMillis(outboxLeaseMillis);
    }

    /** How many outbox rows the relay claims at once. */
    public int outboxBatch() {
        return outboxBatch;
    }

    /** How the broker redelivers a message whose delivery failed, and when it dead-letters it. */
    public RedeliveryPolicy brokerRedeliveryPolicy() {
        try {
            return new RedeliveryPolicy(brokerMaxDeliveryAttempts, brokerRedeliveryDelayMillis,
                    brokerRedeliveryMultiplier, brokerMaxRedeliveryDelayMillis);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the broker's redelivery settings (ledgerline.broker.max-delivery-attempts,"
                    + " ...redelivery-delay-ms, ...redelivery-multiplier, ...max-redelivery-delay-ms) are invalid: "
                    + e.getMessage(), e);
        }
    }

    /**
     * How long processed-message records and published outbox rows are kept.
     *
     * @throws IllegalStateException if the window is not longer than the broker's redelivery window, naming the
     *                               setting, its value and the minimum: the server must not start with it
     */
    public RetentionWindow retentionWindow() {
        RedeliveryPolicy redelivery = brokerRedeliveryPolicy();
        try {
            return RetentionWindow.longerThanRedelivery(Duration.ofMillis(retentionWindowMillis), redelivery);
        } catch (RetentionWindow.TooShortException e) {
            throw new IllegalStateException(RETENTION_WINDOW + " is " + retentionWindowMillis
                    + " ms; it must be more than " + e.minimum().toMillis() + " ms, the broker's redelivery window ("
                    + redelivery.describe() + "), or a copy of a message could come after its record was deleted", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(RETENTION_WINDOW + " is " + retentionWindowMillis + " ms: " + e.getMessage(), e);
        }
    }

    /** How long the record pruner waits after a pass before it looks again. */
    public Duration retentionPeriod() {
        return Duration.ofMillis(retentionPeriodMillis);
    }

    /** How many rows of each table one pruning transaction deletes at most. */
    public int retentionBatch() {
        return retentionBatch;
    }

    /** The largest amount one transfer may move, in major units of its currency. */
    public BigDecimal maxTransferAmount() {
        return maxTransferAmount;
    }

    /** Whether transfers in the unsafe demonstration modes are accepted and consumed (never in production). */
    public boolean unsafeModesEnabled() {
        return unsafeModesEnabled;
    }

    /** Where the latest drill report is, if a path is configured. */
    public Optional<Path> drillReport() {
        return drillReport.filter(p -> !p.isBlank()).map(Path::of);
    }

    /** Where the latest benchmark report is, if a path is configured. */
    public Optional<Path> benchReport() {
        return benchReport.filter(p -> !p.isBlank()).map(Path::of);
    }

    /** How many threads receive from {@code transfers.xa}, each in its own XA transaction. */
    public int xaConsumers() {
        return xaConsumers;
    }

    /**
     * The most messages one XA consumer transaction applies together (first deliveries only; a redelivery runs
     * alone or last, {@link dev.ledgerline.ledger.messaging.DeliveryBatch}); 1 applies one per transaction.
     */
    public int xaBatchSize() {
        return atLeastOne("ledgerline.xa.batch-size", xaBatchSize);
    }

    /** How many threads receive from {@code transfers.idempotent}, each in its own local transactions. */
    public int idempotentConsumers() {
        return atLeastOne("ledgerline.idempotent.consumers", idempotentConsumers);
    }

    /**
     * The most messages one idempotent consumer transaction applies together, on the same rule as the XA
     * consumer's batch; 1 applies one per transaction.
     */
    public int idempotentBatchSize() {
        return atLeastOne("ledgerline.idempotent.batch-size", idempotentBatchSize);
    }

    private static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalStateException(name + " must be at least 1, not " + value);
        }
        return value;
    }

    /** How long one receive waits for a message before its (empty) transaction ends. */
    public long pollWaitMillis() {
        return pollWaitMillis;
    }

    /**
     * How long stopping waits for each consumer thread: a receive in flight ends within its wait, and this
     * gives it that long and a little more to commit.
     */
    public Duration consumerStopWait() {
        return Duration.ofMillis(pollWaitMillis).plusSeconds(5);
    }
}
