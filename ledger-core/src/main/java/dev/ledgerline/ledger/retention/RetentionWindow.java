package dev.ledgerline.ledger.retention;

import java.time.Duration;
import java.time.Instant;

import dev.ledgerline.ledger.messaging.RedeliveryPolicy;

/**
 * How long a processed-message record, and an outbox row once published, is kept before it may be deleted.
 *
 * <p>It must be longer than the broker's redelivery window: a message whose consumer committed and then
 * failed to acknowledge (a crash, a lost connection) is delivered again within that window, and its record
 * must still be there to make the copy a skip. After the window the broker has delivered the message for the
 * last time or dead-lettered it. A copy that comes later anyway (a server down for longer than the window,
 * the broker's own dead-connection detection, a long queue) finds no record, records its key again and finds
 * its transfer final already, which changes nothing either (see the README's "Records kept for a window").
 *
 * @param length how long; positive
 */
public record RetentionWindow(Duration length) {

    public RetentionWindow {
        if (length == null || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a retention window must be positive, not " + length);
        }
    }

    /**
     * The window, if it is longer than {@code redelivery}'s redelivery window.
     *
     * @throws TooShortException if it is not, naming both lengths
     */
    public static RetentionWindow longerThanRedelivery(Duration length, RedeliveryPolicy redelivery) {
        RetentionWindow window = new RetentionWindow(length);
        Duration minimum = redelivery.redeliveryWindow();
        if (length.compareTo(minimum) <= 0) {
            throw new TooShortException(length, minimum, redelivery);
        }
        return window;
    }

    /** Records made, and rows published, before the instant this returns are past the window at {@code now}. */
    public Instant cutoff(Instant now) {
        return now.minus(length);
    }

    /** A window no longer than the broker's redelivery window, which the server refuses to start with. */
    public static final class TooShortException extends IllegalArgumentException {

        private final Duration window;
        private final Duration minimum;

        TooShortException(Duration window, Duration minimum, RedeliveryPolicy redelivery) {
            super("a retention window of " + window.toMillis() + " ms is not longer than the broker's redelivery"
                    + " window of " + minimum.toMillis() + " ms (" + redelivery.describe() + "): a copy of a"
                    + " message could still come after its processed-message record was deleted");
            this.window = window;
            this.minimum = minimum;
        }

        /** The window that was asked for. */
        public Duration window() {
            return window;
        }

        /** The broker's redelivery window, which the retention window must exceed. */
        public Duration minimum() {
            return minimum;
        }
    }
}
