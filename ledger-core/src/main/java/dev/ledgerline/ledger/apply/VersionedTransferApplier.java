package dev.ledgerline.ledger.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
 * Applies a queued transfer without row locks, inside a local transaction that the caller owns. This is
 * the ledger work of the idempotent design: it reads plainly and writes only if nothing it read has changed
 * since (optimistic concurrency), and reports a change as an {@link ApplyConflictException} for the caller
 * to roll back and retry. It commits nothing itself.
 */
public final class VersionedTransferApplier {

    private final TransferStore transfers = new TransferStore();
    private final AccountStore accounts = new AccountStore();
    private final LedgerEntryStore entries = new LedgerEntryStore();
    private final Clock clock;

    public VersionedTransferApplier(Clock clock) {
        this.clock = clock;
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
        Account from = read(c, transfer.fromAccount(), transfer);
        Account to = read(c, transfer.toAccount(), transfer);

        Instant now = clock.instant();
        TransferDecision decision = TransferRules.decide(transfer, from, to);
        if (decision instanceof TransferDecision.Reject reject) {
            // No account is written, so a balance that changed since it was read cannot be overwritten: the
            // refusal is simply ordered before that change. Only the transfer's status is guarded.
            finish(c, transfer, TransferStatus.REJECTED, reject.reason(), now);
            return new ApplyOutcome.Rejected(transfer.finished(TransferStatus.REJECTED, reject.reason(), now));
        }
        // Every update holds the row's write lock to the end of the transaction. Taking them in one global
        // order (by account id) makes opposite transfers meet on the same first row, where the later one
        // waits and then finds the version moved, instead of deadlocking on two.
        List<Posting> postings = ((TransferDecision.Apply) decision).postings().stream()
                .sorted(Comparator.comparing(Posting::accountId))
                .toList();
        for (Posting posting : postings) {
            Account account = posting.accountId().equals(from.id()) ? from : to;
            if (!accounts.updateBalance(c, account, account.balanceMinor() + posting.amountMinor(), now)) {
                throw new VersionConflictException(transfer.id(), account.id(), account.version());
            }
            entries.insert(c, transfer.id(), posting, now);
        }
        finish(c, transfer, TransferStatus.COMPLETED, null, now);
        return new ApplyOutcome.Completed(transfer.finished(TransferStatus.COMPLETED, null, now));
    }

    private Account read(Connection c, String accountId, Transfer transfer) throws SQLException {
        return accounts.find(c, accountId).orElseThrow(() -> new IllegalStateException(
                "account " + accountId + " of " + transfer.describe() + " does not exist"));
    }

    private void finish(Connection c, Transfer transfer, TransferStatus status, String reason, Instant now)
            throws SQLException {
        if (!transfers.finish(c, transfer.id(), status, reason, now)) {
            throw new StatusConflictException(transfer.id());
        }
    }
}
