package dev.ledgerline.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Where the time of one open-loop scenario's transfers went, step by step, from the load's clock (when each
 * request was due) and the timestamps the server wrote (intake, publication by the relay, completion). All on
 * one machine's clock. The idempotent design splits at publication; the XA one sends inside its submission's
 * transaction and has no timestamp between intake and completion.
 *
 * @param scenario the row's name, e.g. "liberty idempotent uniform, open loop 68/s c8"
 */
record LatencyLadder(String scenario, List<Step> steps) {

    /** One step: what it covers, and its percentiles over the transfers that have both ends. */
    record Step(String name, String covers, long transfers, Latencies.Percentiles latency) {
    }

    private record StepDefinition(String name, String covers, BiFunction<Instant, Completions.Steps, Duration> time) {
    }

    private static final StepDefinition REQUEST = new StepDefinition("request to intake",
            "the client's queue, HTTP, the server's thread pool, validation: due until the server stamped the transfer",
            (due, s) -> Duration.between(due, s.created()));
    private static final StepDefinition TO_PUBLISHED = new StepDefinition("intake to published",
            "the submission's commit (transfer and outbox row), the relay's wait and claim, the send and the broker's commit",
            (due, s) -> s.published() == null ? null : Duration.between(s.created(), s.published()));
    private static final StepDefinition PUBLISHED_TO_COMPLETED = new StepDefinition("published to completed",
            "delivery to a consumer, the processed-message check, debit and credit, until the consumer stamped it "
                    + "(its commit follows)",
            (due, s) -> s.published() == null ? null : Duration.between(s.published(), s.completed()));
    private static final StepDefinition INTAKE_TO_COMPLETED = new StepDefinition("intake to completed",
            "the submission's two-phase commit with the send, delivery, the consumer's debit and credit, until it "
                    + "stamped the transfer (its two-phase commit follows)",
            (due, s) -> Duration.between(s.created(), s.completed()));
    private static final StepDefinition TOTAL = new StepDefinition("total", "due until completed",
            (due, s) -> Duration.between(due, s.completed()));

    static LatencyLadder of(String scenario, Map<String, Completions.Steps> byKey, Map<String, Instant> due) {
        boolean published = byKey.values().stream().anyMatch(s -> s.published() != null);
        List<StepDefinition> definitions = published
                ? List.of(REQUEST, TO_PUBLISHED, PUBLISHED_TO_COMPLETED, TOTAL)
                : List.of(REQUEST, INTAKE_TO_COMPLETED, TOTAL);
        Map<StepDefinition, Latencies> latencies = new LinkedHashMap<>();
        definitions.forEach(d -> latencies.put(d, new Latencies()));
        byKey.forEach((key, steps) -> {
            Instant dueAt = due.get(key);
            if (dueAt == null) {
                return;
            }
            latencies.forEach((definition, l) -> {
                Duration time = definition.time().apply(dueAt, steps);
                if (time != null) {
                    l.record(time);
                }
            });
        });
        List<Step> steps = new ArrayList<>();
        latencies.forEach((d, l) -> steps.add(new Step(d.name(), d.covers(), l.count(), l.percentiles())));
        return new LatencyLadder(scenario, List.copyOf(steps));
    }
}
