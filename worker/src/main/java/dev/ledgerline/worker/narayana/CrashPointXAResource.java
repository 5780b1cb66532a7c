package dev.ledgerline.worker.narayana;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;

/**
 * A named resource of a consumer transaction that passes the XA crash points of the drill matrix as
 * Narayana drives it through two-phase commit. The two resources of one transaction share one
 * {@link Progress}, which knows which prepare is the first and which commit the last, whatever the order.
 *
 * <p>The consumer enlists the broker first and Narayana prepares and commits in enlistment order, so the
 * sequence is: prepare broker, prepare database, (log written), commit broker, commit database. The crash
 * drills check that order from outside: halted at {@code xa.after-first-commit}, the broker holds no
 * prepared XID while the database still holds one in doubt.
 *
 * <p>Only the transfer consumer wraps its resources in this; nothing else in the worker can reach a crash
 * point, and {@link CrashPoints#reach} does nothing unless the process was started armed.
 */
public final class CrashPointXAResource extends NamedXAResource {

    private final Progress progress;
    private final CrashPoint afterOwnPrepare;

    public CrashPointXAResource(XAResource delegate, ResourceManager resourceManager, Progress progress) {
        super(delegate, resourceManager);
        this.progress = progress;
        this.afterOwnPrepare = resourceManager == ResourceManager.BROKER
                ? CrashPoint.XA_AFTER_BROKER_PREPARE
                : CrashPoint.XA_AFTER_DB_PREPARE;
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        if (progress.prepares++ == 0) {
            CrashPoints.reach(CrashPoint.XA_BEFORE_PREPARE);
        }
        int vote = super.prepare(xid);
        CrashPoints.reach(afterOwnPrepare);
        if (++progress.prepared == progress.resources) {
            CrashPoints.reach(CrashPoint.XA_AFTER_PREPARE_ALL);
        }
        return vote;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        // A one-phase commit has no prepare and no logged decision: none of the two-phase points applies.
        if (onePhase) {
            super.commit(xid, true);
            return;
        }
        if (progress.commits++ == 0) {
            CrashPoints.reach(CrashPoint.XA_AFTER_DECISION);
        }
        super.commit(xid, false);
        int committed = ++progress.committed;
        if (committed == 1) {
            CrashPoints.reach(CrashPoint.XA_AFTER_FIRST_COMMIT);
        }
        if (committed == progress.resources) {
            CrashPoints.reach(CrashPoint.XA_AFTER_ALL_COMMITS);
        }
    }

    /**
     * How far one transaction has come through its two phases. Narayana calls a transaction's resources one
     * after another on the thread that commits, so plain counters suffice.
     */
    public static final class Progress {

        private final int resources;
        private int prepares;
        private int prepared;
        private int commits;
        private int committed;

        /** @param resources how many resources the transaction enlists: the last prepare and commit are known by it */
        public Progress(int resources) {
            this.resources = resources;
        }
    }
}
