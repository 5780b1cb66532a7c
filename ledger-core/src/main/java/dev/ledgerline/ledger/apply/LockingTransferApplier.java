package dev.ledgerline.ledger.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import dev.ledgerline.ledger.domain.Account;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.rules.Posting;
import dev.ledgerline.ledger.rules.TransferDecision;
import dev.ledgerline.ledger.rules.TransferRules;
import dev.ledgerline.ledger.store.AccountStore;
import dev.ledgerline.ledger.store.LedgerEntryStore;
import dev.ledgerline.ledger.store.TransferStore;

/**
 * Applies a queued transfer under row locks, inside a transaction that the caller owns. This is the ledger
 * work of the two-phase-commit design: it relies on the surrounding (XA) transaction for atomicity with the
 * message acknowledgement, and on pessimistic locks for isolation. It commits nothing itself.
 */
public final class LockingTransferApplier {

    private final TransferStore transfers = new TransferStore();
    private final AccountStore accounts = new AccountStore();
    private final LedgerEntryStore entries = new LedgerEntryStore();
    private final Clock clock;

    public LockingTransferApplier(Clock clock) {
        this.clock = clock;
    }

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
        Account from = fromFirst ? first : second;
        Account to = fromFirst ? second : first;

        Instant now = clock.instant();
        TransferDecision decision = TransferRules.decide(transfer, from, to);
        if (decision instanceof TransferDecision.Reject reject) {
            finish(c, transfer, TransferStatus.REJECTED, reject.reason(), now);
            return new ApplyOutcome.Rejected(transfer.finished(TransferStatus.REJECTED, reject.reason(), now));
        }
        for (Posting posting : ((TransferDecision.Apply) decision).postings()) {
            Account account = posting.accountId().equals(from.id()) ? from : to;
            if (!accounts.updateBalance(c, account, account.balanceMinor() + posting.amountMinor(), now)) {
                throw new IllegalStateException("account " + account.id() + " changed under its row lock while applying "
                        + transfer.describe() + "; expected version " + account.version());
            }
            entries.insert(c, transfer.id(), posting, now);
        }
        finish(c, transfer, TransferStatus.COMPLETED, null, now);
        return new ApplyOutcome.Completed(transfer.finished(TransferStatus.COMPLETED, null, now));
    }

    private Account lock(Connection c, String accountId, Transfer transfer) throws SQLException {
        return accounts.findForUpdate(c, accountId).orElseThrow(() -> new IllegalStateException(
                "account " + accountId + " of " + transfer.describe() + " does not exist"));
    }

    private void finish(Connection c, Transfer transfer, TransferStatus status, String reason, Instant now)
            throws SQLException {
        if (!transfers.finish(c, transfer.id(), status, reason, now)) {
            throw new IllegalStateException("transfer " + transfer.id() + " left QUEUED under its row lock");
        }
    }
}
