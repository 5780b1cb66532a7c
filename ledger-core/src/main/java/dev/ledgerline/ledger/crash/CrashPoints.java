package dev.ledgerline.ledger.crash;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Halts the JVM at an armed {@link CrashPoint}, once, and does nothing otherwise.
 *
 * <p>Armed only by JVM system properties that the drills set on the process they start:
 * {@value #POINT_PROPERTY} names the point, and {@value #SKIP_PROPERTY} (default 0) lets that many passes go
 * by first, so the crash comes in the middle of a load rather than at its first transfer. Nothing in the
 * normal start (the quick start, server.xml, MicroProfile Config, the environment) reads or sets these
 * properties, so a production process cannot be armed by a stray setting.
 *
 * <p>{@code Runtime.halt}, not {@code exit}: no shutdown hook, no orderly close of connections, the same
 * as a SIGKILL as far as every resource manager can tell.
 */
public final class CrashPoints {

    public static final String POINT_PROPERTY = "ledgerline.crash.point";
    public static final String SKIP_PROPERTY = "ledgerline.crash.skip";
    /** The exit status of a halted process: 137, like a process killed by SIGKILL. */
    public static final int HALT_STATUS = 137;

    private static final CrashPoint ARMED = armedPoint();
    private static final AtomicLong PASSES = new AtomicLong();
    private static final long SKIP = Long.getLong(SKIP_PROPERTY, 0L);

    private CrashPoints() {
    }

    /** Halts the JVM if {@code point} is the armed one and its skipped passes are used up. */
    public static void reach(CrashPoint point) {
        if (ARMED != point) {
            return;
        }
        long pass = PASSES.incrementAndGet();
        if (pass == SKIP + 1) {
            // stderr, unbuffered, so the line is on disk before the halt: the drill reads it as evidence.
            System.err.println("ledgerline crash point " + point.pointName() + " reached (pass " + pass
                    + "): halting the JVM");
            System.err.flush();
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }

    /** The armed point, or null: for a process to say at start that it is armed, so nobody mistakes it. */
    public static CrashPoint armed() {
        return ARMED;
    }

    private static CrashPoint armedPoint() {
        String name = System.getProperty(POINT_PROPERTY);
        if (name == null || name.isBlank()) {
            return null;
        }
        return CrashPoint.named(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                "unknown crash point '" + name + "' in -D" + POINT_PROPERTY + "; known: "
                        + Arrays.stream(CrashPoint.values()).map(CrashPoint::pointName).collect(Collectors.joining(", "))));
    }
}
