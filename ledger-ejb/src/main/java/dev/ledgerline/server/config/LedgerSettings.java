package dev.ledgerline.server.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.idempotent.RetryPolicy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ledger's settings, read through MicroProfile Config: a server.xml variable or an environment
 * variable (e.g. {@code LEDGERLINE_XA_CONSUMERS}) overrides each default.
 */
@ApplicationScoped
public class LedgerSettings {

    @Inject
    @ConfigProperty(name = "ledgerline.transfer.max-amount", defaultValue = "1000000.00")
    BigDecimal maxTransferAmount;

    @Inject
    @ConfigProperty(name = "ledgerline.xa.consumers", defaultValue = "4")
    int xaConsumers;

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
    @ConfigProperty(name = "ledgerline.outbox.batch", defaultValue = "50")
    int outboxBatch;

    @Inject
    @ConfigProperty(name = "ledgerline.outbox.lease-ms", defaultValue = "30000")
    long outboxLeaseMillis;

    /**
     * Whether the unsafe demonstration modes ({@code at-most-once}, {@code at-least-once-naive}) are accepted
     * and consumed. Off by default; the crash drills turn it on to show the invariant checker failing.
     */
    @Inject
    @ConfigProperty(name = "ledgerline.unsafe-modes.enabled", defaultValue = "false")
    boolean unsafeModesEnabled;

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

    /** How often the idempotent consumer retries a transfer whose accounts moved under it, and how it waits. */
    public RetryPolicy idempotentRetryPolicy() {
        return new RetryPolicy(idempotentMaxAttempts, Duration.ofMillis(idempotentBackoffBaseMillis),
                Duration.ofMillis(idempotentBackoffCapMillis));
    }

    /** How long the outbox relay waits before looking again when it found nothing to publish. */
    public Duration outboxPeriod() {
        return Duration.ofMillis(outboxPeriodMillis);
    }

    /** How long a relay's claim on outbox rows lasts: after a crash, its rows wait this long to be published again. */
    public Duration outboxLease() {
        return Duration.ofMillis(outboxLeaseMillis);
    }

    /** How many outbox rows the relay claims at once. */
    public int outboxBatch() {
        return outboxBatch;
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

    /** How long one receive waits for a message before its (empty) transaction ends. */
    public long pollWaitMillis() {
        return pollWaitMillis;
    }
}
