package dev.ledgerline.harness.load;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the load's clients saw: which requests the server accepted, under which transfer id. Like the history
 * of a Jepsen test, it is the checker's account of what was promised, independent of what the server wrote.
 */
public final class History {

    private final Map<String, UUID> accepted = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final AtomicLong unknownOutcomes = new AtomicLong();

    public void accepted(String idempotencyKey, UUID id) {
        UUID earlier = accepted.putIfAbsent(idempotencyKey, id);
        if (earlier != null && !earlier.equals(id)) {
            // Two transfers for one key: the server broke its idempotency promise. Keep both for the report.
            refused.put(idempotencyKey, "accepted twice, as " + earlier + " and " + id);
        }
    }

    public void refused(String idempotencyKey, String why) {
        refused.put(idempotencyKey, why);
    }

    public void unknownOutcome() {
        unknownOutcomes.incrementAndGet();
    }

    /** Accepted requests: idempotency key → the transfer id the server gave. */
    public Map<String, UUID> accepted() {
        return Map.copyOf(accepted);
    }

    /** Requests the server refused (4xx), or answered inconsistently: key → why. */
    public Map<String, String> refused() {
        return Map.copyOf(refused);
    }

    /** Submissions that got no answer (or a 5xx) and were retried with the same key. */
    public long unknownOutcomes() {
        return unknownOutcomes.get();
    }
}
