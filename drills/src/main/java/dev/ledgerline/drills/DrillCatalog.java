package dev.ledgerline.drills;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.ledgerline.harness.check.RunChecker;
import dev.ledgerline.harness.database.Database;
import dev.ledgerline.harness.load.ModeMix;
import dev.ledgerline.ledger.check.InvariantChecker;
import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.domain.TransferMode;

/**
 * The drill matrix of docs/design.md (its crash-point matrix), one {@link Drill} a cell: every XA point in Liberty and in the worker on
 * both databases, every XA point in one server of a two-server cluster (PostgreSQL only), every idempotent point in Liberty on both databases, a broker kill, a duplicate delivery,
 * and the two unsafe controls that must fail. {@link #matrix} is one database's part of it: the default
 * database's is the gate, H2's a demonstration of what H2 cannot hold under load.
 */
public final class DrillCatalog {

    /** The subset in the README's Tests command, on the default database: one XA point after the decision, one
     *  idempotent point between commit and acknowledgement, one broker kill, and a cluster server halted after
     *  the decision, whose peer must commit what it left. */
    public static final List<String> LITE = List.of(
            "liberty.postgresql.xa.after-decision-before-commit",
            "liberty.postgresql.idempotent.after-db-commit-before-ack",
            "broker.postgresql.kill-under-load",
            "cluster.postgresql.xa.after-decision-before-commit");

    private static final ModeMix XA = ModeMix.only(TransferMode.XA);
    private static final ModeMix IDEMPOTENT = ModeMix.only(TransferMode.IDEMPOTENT);

    private DrillCatalog() {
    }

    public static List<Drill> all() {
        List<Drill> drills = new ArrayList<>();
        for (Database db : Database.values()) {
            for (CrashPoint p : CrashPoint.values()) {
                if (p.design() == CrashPoint.Design.XA) {
                    drills.add(crash(Victim.LIBERTY, db, XA, p, Set.of(), xaLesson(p, "Liberty")));
                }
            }
            for (CrashPoint p : CrashPoint.values()) {
                if (p.design() == CrashPoint.Design.XA) {
                    drills.add(crash(Victim.WORKER, db, XA, p, Set.of(), xaLesson(p, "Narayana")));
                }
            }
            for (CrashPoint p : CrashPoint.values()) {
                if (p.design() == CrashPoint.Design.IDEMPOTENT) {
                    drills.add(crash(Victim.LIBERTY, db, IDEMPOTENT, p, Set.of(), idempotentLesson(p)));
                }
            }
            // A cluster keeps its transaction logs in PostgreSQL (topology-cluster.xml): no cluster on H2.
            if (db == Database.POSTGRESQL) {
                for (CrashPoint p : CrashPoint.values()) {
                    if (p.design() == CrashPoint.Design.XA) {
                        drills.add(crash(Victim.CLUSTER_SERVER, db, XA, p, Set.of(), peerLesson(p)));
                    }
                }
                drills.add(crash(Victim.CLUSTER_WORKER, db, XA, CrashPoint.XA_AFTER_DECISION, Set.of(),
                        "the server and the other worker go on with the queue; the halted worker's own transactions "
                                + "wait for it: only it, started again on its object store, can commit them"));
                for (ModeMix design : List.of(XA, IDEMPOTENT)) {
                    drills.add(new Drill("cluster-broker." + db.label() + "." + design.label() + ".failover-and-back",
                            Victim.CLUSTER_BROKER, db, design, Fault.BROKER_FAILOVER, null, Set.of(),
                            "the backup takes over with every message and prepared branch it replicated; the server "
                                    + "and the worker fail over to it and back to the restarted primary; nothing "
                                    + "is lost and nothing applied twice"));
                }
                drills.add(new Drill("cluster." + db.label() + ".kill-server-under-load", Victim.CLUSTER_SERVER, db,
                        ModeMix.MIXED, Fault.SERVER_KILL, null, Set.of(),
                        "the load balancer stops sending to the dead server; the requests it held are retried with "
                                + "their keys and make one transfer each; its peer recovers its XA transactions"));
            }
            drills.add(new Drill("liberty." + db.label() + ".idem.duplicate-delivery", Victim.LIBERTY, db, IDEMPOTENT,
                    Fault.DUPLICATE_DELIVERY, null, Set.of(),
                    "a second copy of an applied message finds its processed-message record and changes nothing"));
            drills.add(new Drill("broker." + db.label() + ".kill-under-worker", Victim.BROKER, db, XA,
                    Fault.BROKER_KILL_UNDER_WORKER, null, Set.of(),
                    "the worker reconnects after the broker's SIGKILL; the journal kept every message, prepared "
                            + "branches are resolved by Narayana's recovery"));
            drills.add(new Drill("broker." + db.label() + ".kill-under-load", Victim.BROKER, db, ModeMix.MIXED,
                    Fault.BROKER_KILL, null, Set.of(),
                    "the broker's journal keeps every persistent message and prepared branch across a SIGKILL; "
                            + "clients retry with their idempotency keys"));
        }
        drills.add(crash(Victim.LIBERTY, Database.DEFAULT, ModeMix.only(TransferMode.AT_MOST_ONCE),
                CrashPoint.UNSAFE_AFTER_ACK_BEFORE_APPLY,
                Set.of(InvariantChecker.NONE_LOST, RunChecker.ACCEPTED_APPLIED_EXACTLY_ONCE),
                "control: acknowledging before applying loses the transfer the crash interrupts"));
        drills.add(crash(Victim.LIBERTY, Database.DEFAULT, ModeMix.only(TransferMode.AT_LEAST_ONCE_NAIVE),
                CrashPoint.UNSAFE_AFTER_COMMIT_BEFORE_ACK,
                Set.of(InvariantChecker.BALANCE_MATCHES_ENTRIES),
                "control: applying with no processed-message record moves the balances again on redelivery"));
        return List.copyOf(drills);
    }

    /** The cells on one database (the unsafe controls run on the default database only). */
    public static List<Drill> matrix(Database db) {
        return all().stream().filter(d -> d.database() == db).toList();
    }

    public static Optional<Drill> named(String name) {
        return all().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private static Drill crash(Victim victim, Database db, ModeMix modes, CrashPoint point, Set<String> mustFail,
                               String lesson) {
        return new Drill(victim.label() + "." + db.label() + "." + point.pointName(), victim, db, modes,
                Fault.CRASH_POINT, point, mustFail, lesson);
    }

    private static String xaLesson(CrashPoint p, String coordinator) {
        return switch (p) {
            case XA_BEFORE_PREPARE, XA_AFTER_DB_PREPARE, XA_AFTER_BROKER_PREPARE, XA_AFTER_PREPARE_ALL ->
                    "no decision was logged: " + coordinator + " (or the resource's own timeout) rolls back, "
                            + "the message returns and is applied once";
            case XA_AFTER_DECISION, XA_AFTER_FIRST_COMMIT ->
                    "the decision is logged: recovery by " + coordinator + " commits every prepared branch";
            case XA_AFTER_ALL_COMMITS ->
                    "all committed: recovery has only to forget the transaction";
            default -> throw new IllegalArgumentException(p.pointName());
        };
    }

    private static String peerLesson(CrashPoint p) {
        return switch (p) {
            case XA_BEFORE_PREPARE, XA_AFTER_DB_PREPARE, XA_AFTER_BROKER_PREPARE, XA_AFTER_PREPARE_ALL ->
                    "no decision was logged: the dead server's peer takes over its log and rolls back what it "
                            + "prepared; the message returns and a live server applies it once";
            case XA_AFTER_DECISION, XA_AFTER_FIRST_COMMIT ->
                    "the decision is in the dead server's log in PostgreSQL: its peer takes the log over and "
                            + "commits every prepared branch, without the dead server coming back";
            case XA_AFTER_ALL_COMMITS ->
                    "all committed: the peer has only to take over the log and forget the transaction";
            default -> throw new IllegalArgumentException(p.pointName());
        };
    }

    private static String idempotentLesson(CrashPoint p) {
        return switch (p) {
            case IDEMPOTENT_AFTER_SUBMIT_COMMIT -> "the outbox row survives; the relay publishes it after restart";
            case IDEMPOTENT_AFTER_PUBLISH -> "the row is published again; the copy is skipped by its processed-message record";
            case IDEMPOTENT_MID_TRANSACTION -> "the local transaction rolls back; the message is redelivered and applied once";
            case IDEMPOTENT_AFTER_COMMIT_BEFORE_ACK -> "the redelivered message finds its processed-message record: skipped";
            default -> throw new IllegalArgumentException(p.pointName());
        };
    }
}
