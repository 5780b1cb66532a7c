package dev.ledgerline.ledger.idempotent;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits between attempts; a parameter so that tests need not wait. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps the calling thread. */
    static Sleeper threadSleep() {
        return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
