package dev.ledgerline.ledger.idempotent;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import dev.ledgerline.ledger.apply.ApplyConflictException;
import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.LockingTransferApplier;
import dev.ledgerline.ledger.apply.VersionedTransferApplier;
import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.store.LocalTransaction;
import dev.ledgerline.ledger.store.ProcessedMessageStore;

/**
 * The consumer's unit of work in the idempotent design: one local transaction on a plain (non-XA) data
 * source records the message key and applies the transfer with versioned updates, and commits before the
 * caller acknowledges the message. A crash between the commit and the acknowledgement makes the broker
 * deliver the message again; the recorded key turns that delivery into a no-op.
 *
 * <p>Nothing is locked ahead of time, so a transaction that loses a race on an account rolls back and tries
 * again from a fresh read, after a random wait, up to the {@link RetryPolicy}'s bound. The last attempt of a
 * delivery is the exception: it takes the rows' locks as the XA consumer does ({@link LockingTransferApplier},
 * the transfer first, then the accounts in id order) and so waits its turn instead of racing again. Without
 * it, a transfer on an account that writers holding locks (the XA design's) keep busy can lose every race:
 * under a mixed load on three accounts, about 4 in 1,000 idempotent transfers exhausted every attempt of
 * every delivery and were dead-lettered (README, Known issues). Safe for concurrent use by many consumer
 * threads.
 */
public final class IdempotentTransferProcessor {

    private final ProcessedMessageStore processed = new ProcessedMessageStore();
    private final DataSource dataSource;
    private final Clock clock;
    private final VersionedTransferApplier applier;
    private final LockingTransferApplier lastAttemptApplier;
    private final RetryPolicy retryPolicy;
    private final RandomGenerator random;
    private final Sleeper sleeper;
    private final LongAdder duplicatesSkipped = new LongAdder();
    private final LongAdder conflicts = new LongAdder();

    /**
     * @param appliedBy the process consuming, recorded with each transfer's final status
     * @param random    draws the waits between attempts; shared by every thread that calls {@link #process},
     *                  so it must be thread-safe as {@code java.util.Random} is
     */
    public IdempotentTransferProcessor(DataSource dataSource, Clock clock, AppliedBy appliedBy, RetryPolicy retryPolicy,
                                       RandomGenerator random, Sleeper sleeper) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.applier = new VersionedTransferApplier(clock, appliedBy, IdempotentTransferProcessor::betweenPostings);
        this.lastAttemptApplier = new LockingTransferApplier(clock, appliedBy,
                IdempotentTransferProcessor::betweenPostings);
        this.retryPolicy = retryPolicy;
        this.random = random;
        this.sleeper = sleeper;
    }

    /**
     * Processes one delivery of the message {@code messageKey} announcing transfer {@code transferId}, and
     * returns once its effect is committed: the caller may then acknowledge the message.
     *
     * @throws ConflictRetriesExhaustedException if every attempt conflicted; nothing is committed
     * @throws SQLException                      on any other database failure, a message naming a transfer
     *                                           the database does not hold among them (the record's foreign
     *                                           key refuses it: the outbox publishes only committed
     *                                           transfers, so such a message is not worth retrying here);
     *                                           nothing is committed
     * @throws InterruptedException              if interrupted while waiting to retry; nothing is committed
     */
    public ProcessingResult process(String messageKey, UUID transferId) throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Exception conflict;
            try {
                return processOnce(messageKey, transferId, attempt - 1, attempt == retryPolicy.maxAttempts());
            } catch (ApplyConflictException e) {
                conflict = e;
            } catch (SQLException e) {
                if (!SqlConflicts.isConflict(e)) {
                    throw e;
                }
                conflict = e;
            }
            conflicts.increment();
            if (attempt >= retryPolicy.maxAttempts()) {
                throw new ConflictRetriesExhaustedException(transferId, attempt, conflict);
            }
            sleeper.sleep(retryPolicy.backoff(attempt, random));
        }
    }

    /** Deliveries found already recorded since this processor was made. */
    public long duplicatesSkipped() {
        return duplicatesSkipped.sum();
    }

    /** Attempts rolled back on a conflict since this processor was made, including those of exhausted deliveries. */
    public long conflicts() {
        return conflicts.sum();
    }

    private ProcessingResult processOnce(String messageKey, UUID transferId, int conflictsSoFar, boolean underLocks)
            throws SQLException {
        ProcessingResult result = LocalTransaction.run(dataSource,
                c -> inTransaction(c, messageKey, transferId, conflictsSoFar, underLocks));
        if (result instanceof ProcessingResult.DuplicateSkipped) {
            duplicatesSkipped.increment();
        }
        return result;
    }

    /**
     * One balance moved, the other not yet, the message recorded, nothing committed: where the drill of
     * {@link CrashPoint#IDEMPOTENT_MID_TRANSACTION} halts this design's consumer. The XA design shares the
     * posting code but not this step; its crash points are the coordinator's.
     */
    private static void betweenPostings() {
        CrashPoints.reach(CrashPoint.IDEMPOTENT_MID_TRANSACTION);
    }

    private ProcessingResult inTransaction(Connection c, String messageKey, UUID transferId, int conflictsSoFar,
                                           boolean underLocks) throws SQLException {
        if (!processed.recordFirst(c, messageKey, transferId, clock.instant())) {
            return new ProcessingResult.DuplicateSkipped(messageKey, transferId, conflictsSoFar);
        }
        ApplyOutcome outcome = underLocks ? lastAttemptApplier.apply(c, transferId) : applier.apply(c, transferId);
        return new ProcessingResult.Applied(outcome, conflictsSoFar);
    }
}
