package dev.ledgerline.ledger.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import dev.ledgerline.ledger.domain.Account;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.rules.Posting;
import dev.ledgerline.ledger.rules.TransferDecision;
import dev.ledgerline.ledger.rules.TransferRules;
import dev.ledgerline.ledger.store.AccountStore;
import dev.ledgerline.ledger.store.LedgerEntryStore;
import dev.ledgerline.ledger.store.TransferStore;

/**
 * The step both designs share once they have read a queued transfer and its two accounts: decide by the
 * rules, then write the new balances, the two ledger entries and the final status, every write conditional
 * on the row still being as it was read. How the rows were read (under locks or not) is the caller's design;
 * what a failed condition means is too: a bug under row locks, a conflict to retry without them. So is what
 * happens between the two postings ({@code betweenPostings}): the idempotent design's consumer halts there
 * in its crash drill; everything else passes straight on.
 */
final class LedgerPosting {

    private final TransferStore transfers = new TransferStore();
    private final AccountStore accounts = new AccountStore();
    private final LedgerEntryStore entries = new LedgerEntryStore();
    private final Clock clock;
    private final AppliedBy appliedBy;
    private final Runnable betweenPostings;

    /**
     * @param appliedBy       recorded with the final status of every transfer this posts
     * @param betweenPostings run once the first posting (balance and entry) is written and the second is not,
     *                        nothing committed
     */
    LedgerPosting(Clock clock, AppliedBy appliedBy, Runnable betweenPostings) {
        this.clock = clock;
        this.appliedBy = appliedBy;
        this.betweenPostings = betweenPostings;
    }

    /**
     * @throws VersionConflictException if an account's version moved since it was read
     * @throws StatusConflictException  if the transfer left QUEUED since it was read
     */
    ApplyOutcome post(Connection c, Transfer transfer, Account from, Account to) throws SQLException {
        Instant now = clock.instant();
        TransferDecision decision = TransferRules.decide(transfer, from, to);
        if (decision instanceof TransferDecision.Reject reject) {
            // No account is written, so a balance that changed since it was read cannot be overwritten: the
            // refusal is simply ordered before that change. Only the transfer's status is guarded.
            finish(c, transfer, TransferStatus.REJECTED, reject.reason(), now);
            return new ApplyOutcome.Rejected(
                    transfer.finished(TransferStatus.REJECTED, reject.reason(), now, appliedBy));
        }
        // Each update holds the row's write lock to the end of the transaction. Taking them in one global
        // order (by account id) makes opposite transfers meet on the same first row, where the later one
        // waits, instead of deadlocking on two.
        List<Posting> postings = ((TransferDecision.Apply) decision).postings().stream()
                .sorted(Comparator.comparing(Posting::accountId))
                .toList();
        for (Posting posting : postings) {
            Account account = posting.accountId().equals(from.id()) ? from : to;
            if (!accounts.updateBalance(c, account, posting.amountMinor(), now)) {
                throw new VersionConflictException(transfer.id(), account.id(), account.version());
            }
            entries.insert(c, transfer.id(), posting, now);
            if (posting == postings.get(0)) {
                betweenPostings.run();
            }
        }
        finish(c, transfer, TransferStatus.COMPLETED, null, now);
        return new ApplyOutcome.Completed(transfer.finished(TransferStatus.COMPLETED, null, now, appliedBy));
    }

    private void finish(Connection c, Transfer transfer, TransferStatus status, String reason, Instant now)
            throws SQLException {
        if (!transfers.finish(c, transfer.id(), status, reason, now, appliedBy)) {
            throw new StatusConflictException(transfer.id());
        }
    }
}
