package dev.ledgerline.ledger.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import dev.ledgerline.ledger.domain.Account;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.store.AccountStore;
import dev.ledgerline.ledger.store.TransferStore;

/**
 * Applies a queued transfer under row locks, inside a transaction that the caller owns. This is the ledger
 * work of the two-phase-commit design: it relies on the surrounding (XA) transaction for atomicity with the
 * message acknowledgement, and on pessimistic locks for isolation. It commits nothing itself.
 */
public final class LockingTransferApplier {

    private final TransferStore transfers = new TransferStore();
    private final AccountStore accounts = new AccountStore();
    private final LedgerPosting posting;

    /** @param appliedBy the process applying, recorded with each transfer's final status */
    public LockingTransferApplier(Clock clock, AppliedBy appliedBy) {
        this(clock, appliedBy, () -> { });
    }

    /**
     * @param appliedBy       the process applying, recorded with each transfer's final status
     * @param betweenPostings run once the first of the two postings is written and the second is not, inside
     *                        the caller's transaction; the idempotent design halts its crash drill there
     */
    public LockingTransferApplier(Clock clock, AppliedBy appliedBy, Runnable betweenPostings) {
        this.posting = new LedgerPosting(clock, appliedBy, betweenPostings);
    }

    /**
     * @throws TransferNotFoundException if the database does not show the transfer (yet): roll back, so the
     *                                   message is delivered again
     * @throws ApplyConflictException    never while the row locks hold; if it does, something wrote around
     *                                   them, and the transaction must roll back
     */
    public ApplyOutcome apply(Connection c, UUID transferId) throws SQLException {
        // The transfer row's lock makes a second, concurrent delivery of the same message wait here, and
        // then find the transfer final.
        Transfer transfer = lockTransfer(c, transferId);
        if (transfer.status().isFinal()) {
            return new ApplyOutcome.AlreadyFinal(transfer);
        }
        // Lock the two accounts in one global order (by id) so that opposite transfers cannot deadlock.
        boolean fromFirst = transfer.fromAccount().compareTo(transfer.toAccount()) < 0;
        Account first = lock(c, fromFirst ? transfer.fromAccount() : transfer.toAccount(), transfer);
        Account second = lock(c, fromFirst ? transfer.toAccount() : transfer.fromAccount(), transfer);
        return posting.post(c, transfer, fromFirst ? first : second, fromFirst ? second : first);
    }

    /**
     * Applies several transfers in the caller's one transaction, each as {@link #apply} would alone, and
     * returns their outcomes in the order of {@code transferIds} (a transfer named twice is applied once; its
     * second outcome is {@link ApplyOutcome.AlreadyFinal}).
     *
     * <p>Every row the batch will write is locked before the first is written: the transfers in the order of
     * their ids, then the union of their accounts in the order of theirs. Locking transfer by transfer would
     * take the accounts of one batch in no global order, and two batches sharing accounts would deadlock.
     *
     * @throws BatchMemberFailedException naming the transfer whose work failed, with the cause as {@link #apply}
     *                                    would have thrown it; the caller's transaction must roll back
     */
    public List<ApplyOutcome> applyAll(Connection c, List<UUID> transferIds) throws SQLException {
        if (transferIds.size() == 1) {
            UUID only = transferIds.get(0);
            return List.of(member(only, () -> apply(c, only)));
        }
        // The accounts, in their order, each with the first transfer of the batch that moves it (blamed if
        // its lock fails).
        Map<String, Transfer> accountsToLock = new TreeMap<>();
        for (UUID id : new TreeSet<>(transferIds)) {
            Transfer transfer = member(id, () -> lockTransfer(c, id));
            if (!transfer.status().isFinal()) {
                accountsToLock.putIfAbsent(transfer.fromAccount(), transfer);
                accountsToLock.putIfAbsent(transfer.toAccount(), transfer);
            }
        }
        for (Map.Entry<String, Transfer> account : accountsToLock.entrySet()) {
            Transfer by = account.getValue();
            member(by.id(), () -> lock(c, account.getKey(), by));
        }
        List<ApplyOutcome> outcomes = new ArrayList<>(transferIds.size());
        for (UUID id : transferIds) {
            // Locks held: these reads wait for nothing, and see the balances the batch's earlier members left.
            outcomes.add(member(id, () -> apply(c, id)));
        }
        return outcomes;
    }

    private Transfer lockTransfer(Connection c, UUID transferId) throws SQLException {
        return transfers.findForUpdate(c, transferId).orElseThrow(() -> new TransferNotFoundException(transferId));
    }

    private Account lock(Connection c, String accountId, Transfer transfer) throws SQLException {
        return accounts.findForUpdate(c, accountId).orElseThrow(() -> new IllegalStateException(
                "account " + accountId + " of " + transfer.describe() + " does not exist"));
    }

    /** One member's step of a batch, whose failure is reported as that member's. */
    @FunctionalInterface
    private interface MemberStep<T> {
        T run() throws SQLException;
    }

    private static <T> T member(UUID transferId, MemberStep<T> step) throws SQLException {
        try {
            return step.run();
        } catch (SQLException | RuntimeException e) {
            throw new BatchMemberFailedException(transferId, e);
        }
    }
}
