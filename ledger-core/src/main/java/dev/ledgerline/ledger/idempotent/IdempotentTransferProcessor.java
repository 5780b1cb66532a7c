package dev.ledgerline.ledger.idempotent;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import dev.ledgerline.ledger.apply.ApplyConflictException;
import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.BatchMemberFailedException;
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
 * every delivery and were dead-lettered (README, Known issues).
 *
 * <p>Several deliveries can share one transaction ({@link #processAll}); such a batch takes its locks up front on
 * every attempt, for the reason given there. Safe for concurrent use by many consumer threads.
 */
public final class IdempotentTransferProcessor {

    private final ProcessedMessageStore processed = new ProcessedMessageStore();
    private final DataSource dataSource;
    private final Clock clock;
    private final VersionedTransferApplier applier;
    private final LockingTransferApplier lockingApplier;
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
        this.lockingApplier = new LockingTransferApplier(clock, appliedBy,
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
        return processAll(List.of(new Delivery(messageKey, transferId))).get(0);
    }

    /**
     * Processes several deliveries in one local transaction, so that their commit (and its forced write) is
     * paid once, and returns once their effect is committed: the caller may then acknowledge them all.
     *
     * <p>A batch of more than one takes its rows' locks up front, in id order, on every attempt
     * ({@link LockingTransferApplier#applyAll}), where a single delivery first tries versioned updates without
     * locks. Optimistic updates do not scale to a batch: one lost race would roll back every member, and members
     * updating accounts in their own order would hold row locks that other batches wait for in the opposite
     * order, until the database's deadlock detection breaks the tie a second later. What keeps a redelivery from
     * moving money twice is the processed-message record, not the lock or the version, so nothing of the
     * design's guarantee changes.
     *
     * @return one result per delivery, in their order
     * @throws BatchMemberFailedException        in a batch of more than one, if a member failed other than by a
     *                                           conflict, naming it; nothing is committed
     * @throws ConflictRetriesExhaustedException if every attempt conflicted, naming the member (the first, for a
     *                                           conflict no member's work raised); nothing is committed
     * @throws SQLException                      on a single delivery's failure, as {@link #process}, or if the
     *                                           connection or the commit failed; nothing is committed
     * @throws InterruptedException              if interrupted while waiting to retry; nothing is committed
     */
    public List<ProcessingResult> processAll(List<Delivery> deliveries) throws SQLException, InterruptedException {
        if (deliveries.isEmpty()) {
            throw new IllegalArgumentException("no deliveries to process");
        }
        for (int attempt = 1; ; attempt++) {
            Exception conflict;
            UUID blamed = deliveries.get(0).transferId();
            try {
                return processOnce(deliveries, attempt - 1, attempt == retryPolicy.maxAttempts());
            } catch (ApplyConflictException e) {
                conflict = e;
            } catch (BatchMemberFailedException e) {
                if (!isConflict(e.getCause())) {
                    throw e;
                }
                conflict = e;
                blamed = e.transferId();
            } catch (SQLException e) {
                if (!SqlConflicts.isConflict(e)) {
                    throw e;
                }
                conflict = e;
            }
            conflicts.increment();
            if (attempt >= retryPolicy.maxAttempts()) {
                throw new ConflictRetriesExhaustedException(blamed, attempt, conflict);
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

    private List<ProcessingResult> processOnce(List<Delivery> deliveries, int conflictsSoFar, boolean lastAttempt)
            throws SQLException {
        List<ProcessingResult> results = LocalTransaction.run(dataSource,
                c -> inTransaction(c, deliveries, conflictsSoFar, lastAttempt));
        for (ProcessingResult result : results) {
            if (result instanceof ProcessingResult.DuplicateSkipped) {
                duplicatesSkipped.increment();
            }
        }
        return results;
    }

    /**
     * One balance moved, the other not yet, the message recorded, nothing committed: where the drill of
     * {@link CrashPoint#IDEMPOTENT_MID_TRANSACTION} halts this design's consumer. The XA design shares the
     * posting code but not this step; its crash points are the coordinator's.
     */
    private static void betweenPostings() {
        CrashPoints.reach(CrashPoint.IDEMPOTENT_MID_TRANSACTION);
    }

    private List<ProcessingResult> inTransaction(Connection c, List<Delivery> deliveries, int conflictsSoFar,
                                                 boolean lastAttempt) throws SQLException {
        boolean batch = deliveries.size() > 1;
        ProcessingResult[] results = new ProcessingResult[deliveries.size()];
        List<Integer> recorded = new ArrayList<>(deliveries.size());
        for (int i = 0; i < results.length; i++) {
            Delivery delivery = deliveries.get(i);
            if (record(c, delivery, batch)) {
                recorded.add(i);
            } else {
                results[i] = new ProcessingResult.DuplicateSkipped(delivery.messageKey(), delivery.transferId(),
                        conflictsSoFar);
            }
        }
        List<ApplyOutcome> outcomes = apply(c, recorded.stream().map(i -> deliveries.get(i).transferId()).toList(),
                batch, lastAttempt);
        for (int k = 0; k < outcomes.size(); k++) {
            results[recorded.get(k)] = new ProcessingResult.Applied(outcomes.get(k), conflictsSoFar);
        }
        return List.of(results);
    }

    private boolean record(Connection c, Delivery delivery, boolean batch) throws SQLException {
        try {
            return processed.recordFirst(c, delivery.messageKey(), delivery.transferId(), clock.instant());
        } catch (SQLException e) {
            if (batch) {
                throw new BatchMemberFailedException(delivery.transferId(), e);
            }
            throw e;
        }
    }

    private List<ApplyOutcome> apply(Connection c, List<UUID> transferIds, boolean batch, boolean lastAttempt)
            throws SQLException {
        if (transferIds.isEmpty()) {
            return List.of();
        }
        if (batch) {
            return lockingApplier.applyAll(c, transferIds);
        }
        UUID only = transferIds.get(0);
        return List.of(lastAttempt ? lockingApplier.apply(c, only) : applier.apply(c, only));
    }

    private static boolean isConflict(Throwable t) {
        return t instanceof ApplyConflictException || t instanceof SQLException s && SqlConflicts.isConflict(s);
    }

    /** One delivery of a message: the key its processed-message record is made under, and the transfer it names. */
    public record Delivery(String messageKey, UUID transferId) {
    }
}
