package dev.ledgerline.ledger.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
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
        Transfer transfer = transfers.findForUpdate(c, transferId)
                .orElseThrow(() -> new TransferNotFoundException(transferId));
        if (transfer.status().isFinal()) {
            return new ApplyOutcome.AlreadyFinal(transfer);
        }
        // Lock the two accounts in one global order (by id) so that opposite transfers cannot deadlock.
        boolean fromFirst = transfer.fromAccount().compareTo(transfer.toAccount()) < 0;
        Account first = lock(c, fromFirst ? transfer.fromAccount() : transfer.toAccount(), transfer);
        Account second = lock(c, fromFirst ? transfer.toAccount() : transfer.fromAccount(), transfer);
        return posting.post(c, transfer, fromFirst ? first : second, fromFirst ? second : first);
    }

    private Account lock(Connection c, String accountId, Transfer transfer) throws SQLException {
        return accounts.findForUpdate(c, accountId).orElseThrow(() -> new IllegalStateException(
                "account " + accountId + " of " + transfer.describe() + " does not exist"));
    }
}
