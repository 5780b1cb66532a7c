package dev.ledgerline.ledger.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

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
 * UNSAFE, a demonstration control: the ledger work of the {@code at-least-once-naive} mode, written the way
 * a consumer commonly is when its author trusts "apply, then acknowledge" to be enough. It exists so that
 * the crash drills can show the invariant checker failing; never use it for real money.
 *
 * <p>What it leaves out on purpose, compared with {@link VersionedTransferApplier} inside the idempotent
 * processor: no processed-message record (a redelivery looks like a first delivery), no status check (a
 * COMPLETED transfer is applied again), and plain {@code balance_minor = balance_minor + ?} updates with no
 * version condition.
 *
 * <p>The common real bug it models: the journal tolerates a replay, the balances do not. Its ledger entries
 * are written "insert if absent", as a journal with a unique key is often made replay-tolerant, while its
 * balance updates are unconditional. (A plain insert would hit ledger_entry's UNIQUE(transfer_id,
 * account_id), roll the second application back and hide the flaw.) So when the broker redelivers a message
 * whose transfer was already committed, because the consumer died between its commit and its
 * acknowledgement, the balances move a second time while the entries stay as they were: invariant 6,
 * {@code balance-equals-opening-plus-entries}, fails. The total of all balances still holds (the debit and
 * the credit both doubled), which is why the checker needs invariant 6 as well as invariant 1.
 *
 * <p>A single delivery is correct: without a crash or a redelivery, a naive transfer passes every invariant.
 */
public final class NaiveTransferApplier {

    private final TransferStore transfers = new TransferStore();
    private final AccountStore accounts = new AccountStore();
    private final LedgerEntryStore entries = new LedgerEntryStore();
    private final Clock clock;
    private final AppliedBy appliedBy;

    /** @param appliedBy the process applying, recorded with each status it sets */
    public NaiveTransferApplier(Clock clock, AppliedBy appliedBy) {
        this.clock = clock;
        this.appliedBy = appliedBy;
    }

    /**
     * Applies the transfer, whatever its status, on the caller's connection; commits nothing itself.
     *
     * @throws TransferNotFoundException if the database does not show the transfer
     */
    public ApplyOutcome apply(Connection c, UUID transferId) throws SQLException {
        Transfer transfer = transfers.find(c, transferId).orElseThrow(() -> new TransferNotFoundException(transferId));
        Instant now = clock.instant();
        // The rules still decide (funds, currency): the flaw of this mode is what it does on a redelivery,
        // not what it decides on the first one.
        TransferDecision decision = TransferRules.decide(transfer, read(c, transfer.fromAccount(), transfer),
                read(c, transfer.toAccount(), transfer));
        if (decision instanceof TransferDecision.Reject reject) {
            setStatus(c, transferId, TransferStatus.REJECTED, reject.reason(), now);
            return new ApplyOutcome.Rejected(
                    transfer.finished(TransferStatus.REJECTED, reject.reason(), now, appliedBy));
        }
        for (Posting posting : ((TransferDecision.Apply) decision).postings()) {
            moveBalance(c, posting, now);
            insertEntryIfAbsent(c, transferId, posting, now);
        }
        setStatus(c, transferId, TransferStatus.COMPLETED, null, now);
        return new ApplyOutcome.Completed(transfer.finished(TransferStatus.COMPLETED, null, now, appliedBy));
    }

    private Account read(Connection c, String accountId, Transfer transfer) throws SQLException {
        return accounts.find(c, accountId).orElseThrow(() -> new IllegalStateException(
                "account " + accountId + " of " + transfer.describe() + " does not exist"));
    }

    /** Unconditional: no version is compared, so a replay moves the balance again. */
    private static void moveBalance(Connection c, Posting posting, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE account
                   SET balance_minor = balance_minor + ?, version = version + 1, updated_at = ?
                 WHERE id = ?""")) {
            ps.setLong(1, posting.amountMinor());
            ps.setObject(2, at.atOffset(ZoneOffset.UTC));
            ps.setString(3, posting.accountId());
            ps.executeUpdate();
        }
    }

    /** The replay-tolerant journal: a posting already written is left alone, and no error tells anyone. */
    private void insertEntryIfAbsent(Connection c, UUID transferId, Posting posting, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COUNT(id) AS written FROM ledger_entry WHERE transfer_id = ? AND account_id = ?""")) {
            ps.setObject(1, transferId);
            ps.setString(2, posting.accountId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong("written") > 0) {
                    return;
                }
            }
        }
        entries.insert(c, transferId, posting, at);
    }

    /**
     * Unconditional: whatever status the transfer had, it gets this one, and whoever applied it last is who the
     * record names.
     */
    private void setStatus(Connection c, UUID transferId, TransferStatus status, String reason, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE transfer SET status = ?, reason = ?, completed_at = ?, applied_by = ?, coordinator = ?
                 WHERE id = ?""")) {
            ps.setString(1, status.name());
            ps.setString(2, reason);
            ps.setObject(3, at.atOffset(ZoneOffset.UTC));
            ps.setString(4, appliedBy.process());
            ps.setString(5, appliedBy.coordinator().wireName());
            ps.setObject(6, transferId);
            ps.executeUpdate();
        }
    }
}
