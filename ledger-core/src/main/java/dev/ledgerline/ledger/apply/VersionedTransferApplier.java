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
 * Applies a queued transfer without row locks, inside a local transaction that the caller owns. This is
 * the ledger work of the idempotent design: it reads plainly and writes only if nothing it read has changed
 * since (optimistic concurrency), and reports a change as an {@link ApplyConflictException} for the caller
 * to roll back and retry. It commits nothing itself.
 */
public final class VersionedTransferApplier {

    private final TransferStore transfers = new TransferStore();
    private final AccountStore accounts = new AccountStore();
    private final LedgerPosting posting;

    /** @param appliedBy the process applying, recorded with each transfer's final status */
    public VersionedTransferApplier(Clock clock, AppliedBy appliedBy) {
        this(clock, appliedBy, () -> { });
    }

    /**
     * @param appliedBy       the process applying, recorded with each transfer's final status
     * @param betweenPostings run once the first of the two postings is written and the second is not, inside
     *                        the caller's transaction; the idempotent design halts its crash drill there
     */
    public VersionedTransferApplier(Clock clock, AppliedBy appliedBy, Runnable betweenPostings) {
        this.posting = new LedgerPosting(clock, appliedBy, betweenPostings);
    }

    /**
     * @throws TransferNotFoundException if the database does not show the transfer
     * @throws ApplyConflictException    if an account or the transfer changed after it was read; whatever
     *                                   this call wrote must be rolled back
     */
    public ApplyOutcome apply(Connection c, UUID transferId) throws SQLException {
        Transfer transfer = transfers.find(c, transferId).orElseThrow(() -> new TransferNotFoundException(transferId));
        if (transfer.status().isFinal()) {
            return new ApplyOutcome.AlreadyFinal(transfer);
        }
        return posting.post(c, transfer, read(c, transfer.fromAccount(), transfer), read(c, transfer.toAccount(), transfer));
    }

    private Account read(Connection c, String accountId, Transfer transfer) throws SQLException {
        return accounts.find(c, accountId).orElseThrow(() -> new IllegalStateException(
                "account " + accountId + " of " + transfer.describe() + " does not exist"));
    }
}
