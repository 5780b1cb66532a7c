package dev.ledgerline.ledger.crash;

import java.util.Arrays;
import java.util.Optional;

/**
 * The named places where a drill can halt a process: the crash-point matrix of {@code docs/design.md}, one
 * constant a cell. A point is reached by the code path it interrupts (a call to {@link CrashPoints#reach}), or,
 * where that code belongs to a transaction manager we do not own (Liberty's), by a Byteman rule of the drills
 * that halts at the same place and reads the same setting.
 *
 * <p>The XA points follow the coordinator's protocol, whatever order it takes its resources in: Liberty
 * prepares the database first and commits the broker first; the worker prepares and commits in the order it
 * enlisted, the broker first. "After the database prepared" therefore means something different in each,
 * which is why the drills run both.
 */
public enum CrashPoint {

    XA_BEFORE_PREPARE("xa.before-prepare", Design.XA,
            "the consumer's work is done, no resource has prepared"),
    XA_AFTER_DB_PREPARE("xa.after-db-prepare", Design.XA,
            "the database branch is prepared"),
    XA_AFTER_BROKER_PREPARE("xa.after-broker-prepare", Design.XA,
            "the broker branch (the acknowledgement) is prepared"),
    XA_AFTER_PREPARE_ALL("xa.after-prepare-all", Design.XA,
            "both branches are prepared, the coordinator has not logged its decision"),
    XA_AFTER_DECISION("xa.after-decision-before-commit", Design.XA,
            "the commit decision is logged, no branch is committed"),
    XA_AFTER_FIRST_COMMIT("xa.after-first-commit", Design.XA,
            "one branch is committed, the other is still prepared"),
    XA_AFTER_ALL_COMMITS("xa.after-commits-before-forget", Design.XA,
            "both branches are committed, the coordinator has not forgotten the transaction"),

    IDEMPOTENT_AFTER_SUBMIT_COMMIT("idempotent.after-submit-commit-before-publish", Design.IDEMPOTENT,
            "the transfer and its outbox row are committed, nothing is published"),
    IDEMPOTENT_AFTER_PUBLISH("idempotent.after-publish-before-mark", Design.IDEMPOTENT,
            "the message is on the queue, its outbox row is not marked published"),
    IDEMPOTENT_MID_TRANSACTION("idempotent.mid-consumer-transaction", Design.IDEMPOTENT,
            "the consumer has moved one of the two balances (in account-id order), not yet the other"),
    IDEMPOTENT_AFTER_COMMIT_BEFORE_ACK("idempotent.after-db-commit-before-ack", Design.IDEMPOTENT,
            "the consumer's local transaction is committed, the message is not acknowledged"),

    UNSAFE_AFTER_ACK_BEFORE_APPLY("at-most-once.after-ack-before-apply", Design.UNSAFE,
            "the message is acknowledged, the transfer is not applied"),
    UNSAFE_AFTER_COMMIT_BEFORE_ACK("at-least-once-naive.after-db-commit-before-ack", Design.UNSAFE,
            "the naive consumer has committed, the message is not acknowledged");

    /** Which design a point belongs to; the unsafe controls exist to prove the checker can fail. */
    public enum Design { XA, IDEMPOTENT, UNSAFE }

    private final String pointName;
    private final Design design;
    private final String where;

    CrashPoint(String pointName, Design design, String where) {
        this.pointName = pointName;
        this.design = design;
        this.where = where;
    }

    /** The name used in settings, drill names and reports, e.g. {@code xa.after-prepare-all}. */
    public String pointName() {
        return pointName;
    }

    public Design design() {
        return design;
    }

    /** What holds at the moment of the crash, in words for reports. */
    public String where() {
        return where;
    }

    public static Optional<CrashPoint> named(String name) {
        return Arrays.stream(values()).filter(p -> p.pointName.equals(name)).findFirst();
    }
}
