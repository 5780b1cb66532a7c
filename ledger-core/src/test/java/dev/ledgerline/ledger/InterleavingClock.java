package dev.ledgerline.ledger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system clock, which also commits another transaction's work on its first few readings. The appliers
 * read the clock after reading the accounts and before writing them, so this is how a test makes a
 * concurrent change land exactly in that window: a real committed change on another connection, not a mock.
 */
final class InterleavingClock extends Clock {

    @FunctionalInterface
    interface ConcurrentChange {
        void commit() throws SQLException;
    }

    private final ConcurrentChange change;
    private final AtomicInteger readingsLeft;

    /** Runs {@code change} on each of the next {@code readings} readings of the clock. */
    InterleavingClock(int readings, ConcurrentChange change) {
        this.readingsLeft = new AtomicInteger(readings);
        this.change = change;
    }

    @Override
    public Instant instant() {
        if (readingsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            try {
                change.commit();
            } catch (SQLException e) {
                throw new IllegalStateException("the concurrent change failed", e);
            }
        }
        return Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock in UTC only");
    }
}
