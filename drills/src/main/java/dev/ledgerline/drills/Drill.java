package dev.ledgerline.drills;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.ledgerline.harness.Coordinator;
import dev.ledgerline.harness.database.Database;
import dev.ledgerline.harness.load.ModeMix;
import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.domain.TransferMode;

/**
 * One cell of the drill matrix: which process dies, where, on which database, under which transfer modes,
 * and what the checker must then find.
 *
 * @param modes            the transfer modes of the load (XA, idempotent, both, or an unsafe control)
 * @param point            the armed crash point, for {@link Fault#CRASH_POINT}; null otherwise
 * @param mustFail         invariants this drill is expected to break: empty for the real designs, the flaw's
 *                         invariant for an unsafe control (a control that passes means the checker is blind)
 * @param lesson           what the row teaches, for the report
 */
public record Drill(String name, Victim victim, Database database, ModeMix modes, Fault fault, CrashPoint point,
                    Set<String> mustFail, String lesson) {

    public Drill {
        Objects.requireNonNull(name);
        Objects.requireNonNull(victim);
        Objects.requireNonNull(database);
        Objects.requireNonNull(modes);
        Objects.requireNonNull(fault);
        // Sorted: Set.copyOf's order changes from one JVM to the next, and the reports list this set.
        mustFail = Collections.unmodifiableSortedSet(new TreeSet<>(mustFail));
        if ((fault == Fault.CRASH_POINT) != (point != null)) {
            throw new IllegalArgumentException(name + ": a crash point goes with, and only with, fault CRASH_POINT");
        }
    }

    /** The coordinator of the drill's XA transactions; empty when the load has none (no XA transfer). */
    public Optional<Coordinator> coordinator() {
        if (!modes.includes(TransferMode.XA)) {
            return Optional.empty();
        }
        return Optional.of(onWorker() ? Coordinator.NARAYANA_WORKER : Coordinator.LIBERTY);
    }

    /** The point as reported: the crash point's name, or what was done instead. */
    public String pointName() {
        return switch (fault) {
            case CRASH_POINT -> point.pointName();
            case BROKER_KILL -> "broker-sigkill-under-load";
            case SERVER_KILL -> "server-sigkill-under-load";
            case BROKER_FAILOVER -> "primary-broker-sigkill-failover-failback";
            case BROKER_KILL_UNDER_WORKER -> "broker-sigkill-under-worker";
            case DUPLICATE_DELIVERY -> "duplicate-delivery";
            case RANDOM_KILLS -> "random-sigkills";
        };
    }

    /** Whether the load runs through the Narayana worker (preloaded) rather than Liberty (over HTTP). */
    public boolean onWorker() {
        return victim == Victim.WORKER || fault == Fault.BROKER_KILL_UNDER_WORKER;
    }

    public boolean isControl() {
        return !mustFail.isEmpty();
    }
}
