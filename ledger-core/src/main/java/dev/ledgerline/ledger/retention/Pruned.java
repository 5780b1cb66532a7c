package dev.ledgerline.ledger.retention;

/**
 * How many rows past the retention window were deleted, per table: by one batch, or by a whole pass.
 *
 * @param processedMessages records of the {@code processed_message} table
 * @param outboxRows        published rows of the {@code outbox} table
 */
public record Pruned(long processedMessages, long outboxRows) {

    /** Nothing deleted. */
    public static final Pruned NONE = new Pruned(0, 0);

    public Pruned plus(Pruned other) {
        return new Pruned(processedMessages + other.processedMessages, outboxRows + other.outboxRows);
    }

    public boolean isNone() {
        return processedMessages == 0 && outboxRows == 0;
    }
}
