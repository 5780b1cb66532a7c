package dev.ledgerline.harness.load;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

import dev.ledgerline.harness.client.TransferClient;

/**
 * Submits a planned transfer as a careful client does: a request with no answer (or a 5xx) is sent again with
 * the same idempotency key until the server answers, so a crash never turns into a duplicate or a silently
 * dropped request on the client's side. What each request came to goes into the {@link History}.
 */
public final class RetryingSubmitter {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final TransferClient client;
    private final History history;

    public RetryingSubmitter(TransferClient client, History history) {
        this.client = client;
        this.history = history;
    }

    /** Submits {@code t} until the server accepts or refuses it, or {@code giveUpAt} passes. */
    public void submit(PlannedTransfer t, Instant giveUpAt) {
        while (Instant.now().isBefore(giveUpAt)) {
            TransferClient.Submitted result = client.submit(t.mode(), t.from(), t.to(), t.amount(),
                    PlannedTransfer.CURRENCY, t.idempotencyKey());
            if (result instanceof TransferClient.Submitted.Accepted accepted) {
                history.accepted(t.idempotencyKey(), accepted.id());
                return;
            }
            if (result instanceof TransferClient.Submitted.Refused refused) {
                history.refused(t.idempotencyKey(), "HTTP " + refused.status() + ": " + refused.body());
                return;
            }
            history.unknownOutcome();
            LockSupport.parkNanos(RETRY_PAUSE.toNanos());
        }
        history.refused(t.idempotencyKey(), "no answer before the load's deadline");
    }
}
