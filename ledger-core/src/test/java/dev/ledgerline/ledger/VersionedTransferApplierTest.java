package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.StatusConflictException;
import dev.ledgerline.ledger.apply.TransferNotFoundException;
import dev.ledgerline.ledger.apply.VersionConflictException;
import dev.ledgerline.ledger.apply.VersionedTransferApplier;
import dev.ledgerline.ledger.check.InvariantChecker;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.store.AccountStore;
import dev.ledgerline.ledger.store.TransferStore;

class VersionedTransferApplierTest {

    private final Clock clock = Clock.systemUTC();
    private static final AppliedBy CONSUMER = AppliedBy.liberty("ledgerline-1", Coordinator.NONE);

    private final VersionedTransferApplier applier = new VersionedTransferApplier(clock, CONSUMER);
    private final TransferStore transfers = new TransferStore();
    private final AccountStore accounts = new AccountStore();
    private final InvariantChecker checker = new InvariantChecker(clock);
    private JdbcDataSource ds;

    @BeforeEach
    void freshLedger() {
        ds = LedgerDatabase.fresh();
    }

    private Transfer queue(String from, String to, long amountMinor) throws SQLException {
        return LedgerDatabase.queue(ds, from, to, amountMinor, clock.instant());
    }

    private ApplyOutcome apply(VersionedTransferApplier with, UUID id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                var outcome = with.apply(c, id);
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private long balance(String id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return accounts.find(c, id).orElseThrow().balanceMinor();
        }
    }

    private TransferStatus status(UUID id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return transfers.find(c, id).orElseThrow().status();
        }
    }

    private void assertInvariantsHold() throws SQLException {
        try (Connection c = ds.getConnection()) {
            // A transfer left QUEUED on purpose is seconds old, not a minute.
            var report = checker.check(c, Duration.ofMinutes(1));
            assertThat(report.allHold()).as(report.toString()).isTrue();
        }
    }

    @Test
    void completedTransferMovesBothBalancesAndWritesTwoEntries() throws SQLException {
        var t = queue("ACC-001", "ACC-002", 12_345);

        var outcome = apply(applier, t.id());

        assertThat(outcome).isInstanceOf(ApplyOutcome.Completed.class);
        assertThat(outcome.transfer().status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(balance("ACC-001")).isEqualTo(1_000_000 - 12_345);
        assertThat(balance("ACC-002")).isEqualTo(500_000 + 12_345);
        assertThat(status(t.id())).isEqualTo(TransferStatus.COMPLETED);
        assertThat(outcome.transfer().appliedBy()).isEqualTo(CONSUMER);
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(id) FROM ledger_entry WHERE transfer_id = '" + t.id() + "'"))
                .isEqualTo(2);
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(id) FROM transfer WHERE applied_by = 'liberty/ledgerline-1'"
                + " AND coordinator = 'none'")).isEqualTo(1);
        assertInvariantsHold();
    }

    @Test
    void theStepBetweenPostingsRunsOnceWithOnePostingWrittenAndTheTransferStillQueued() throws SQLException {
        var t = queue("ACC-001", "ACC-002", 12_345);
        List<String> seen = new ArrayList<>();

        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            // Where the idempotent design's crash point halts: seen from inside the transaction.
            new VersionedTransferApplier(clock, CONSUMER, () -> seen.add(entriesAndStatus(c, t.id()))).apply(c, t.id());
            c.rollback();
        }

        assertThat(seen).containsExactly("1 entries, QUEUED");
    }

    @Test
    void aRejectedTransferPassesNoStepBetweenPostings() throws SQLException {
        var t = queue("ACC-006", "ACC-001", 125_001);
        List<String> seen = new ArrayList<>();

        try (Connection c = ds.getConnection()) {
            new VersionedTransferApplier(clock, CONSUMER, () -> seen.add("step")).apply(c, t.id());
        }

        assertThat(seen).isEmpty();
    }

    private String entriesAndStatus(Connection c, UUID transferId) {
        try (var ps = c.prepareStatement("SELECT COUNT(id) FROM ledger_entry WHERE transfer_id = ?")) {
            ps.setObject(1, transferId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + " entries, " + transfers.find(c, transferId).orElseThrow().status();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void insufficientFundsRejectsAndMovesNothing() throws SQLException {
        var t = queue("ACC-006", "ACC-001", 125_001);

        var outcome = apply(applier, t.id());

        assertThat(outcome).isInstanceOf(ApplyOutcome.Rejected.class);
        assertThat(outcome.transfer().reason()).startsWith("insufficient funds");
        assertThat(status(t.id())).isEqualTo(TransferStatus.REJECTED);
        assertThat(balance("ACC-006")).isEqualTo(125_000);
        assertThat(balance("ACC-001")).isEqualTo(1_000_000);
        assertInvariantsHold();
    }

    @Test
    void aSecondApplicationOfTheSameTransferChangesNothing() throws SQLException {
        var t = queue("ACC-001", "ACC-002", 100);
        apply(applier, t.id());

        var again = apply(applier, t.id());

        assertThat(again).isInstanceOf(ApplyOutcome.AlreadyFinal.class);
        assertThat(balance("ACC-001")).isEqualTo(1_000_000 - 100);
        assertThat(balance("ACC-002")).isEqualTo(500_000 + 100);
        assertInvariantsHold();
    }

    @Test
    void aTransferTheDatabaseDoesNotShowIsReported() {
        assertThatThrownBy(() -> apply(applier, UUID.randomUUID())).isInstanceOf(TransferNotFoundException.class);
    }

    @Test
    void anAccountChangedAfterItWasReadIsAConflictAndRollbackLeavesNothingHalfApplied() throws SQLException {
        var t = queue("ACC-001", "ACC-002", 100);
        var concurrent = queue("ACC-003", "ACC-002", 50);
        // Between reading the accounts and writing them, another transaction credits ACC-002 and commits.
        // ACC-001 is written first (accounts are updated in id order), so the conflict on ACC-002 comes
        // after a debit and a ledger entry that the rollback must take away again.
        var interleaved = new VersionedTransferApplier(new InterleavingClock(1, () -> apply(applier, concurrent.id())),
                CONSUMER);

        assertThatThrownBy(() -> apply(interleaved, t.id()))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.transferId()).isEqualTo(t.id());
                    assertThat(e.accountId()).isEqualTo("ACC-002");
                    assertThat(e.expectedVersion()).isZero();
                });

        assertThat(status(concurrent.id())).isEqualTo(TransferStatus.COMPLETED);
        assertThat(status(t.id())).isEqualTo(TransferStatus.QUEUED);
        assertThat(balance("ACC-001")).isEqualTo(1_000_000);
        assertThat(balance("ACC-002")).isEqualTo(500_000 + 50);
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(id) FROM ledger_entry WHERE transfer_id = '" + t.id() + "'"))
                .isZero();
        assertInvariantsHold();

        var retried = apply(applier, t.id());

        assertThat(retried).isInstanceOf(ApplyOutcome.Completed.class);
        assertThat(balance("ACC-001")).isEqualTo(1_000_000 - 100);
        assertThat(balance("ACC-002")).isEqualTo(500_000 + 50 + 100);
        assertInvariantsHold();
    }

    @Test
    void aTransferFinishedByAnotherTransactionMeanwhileIsAConflictAndTheRetryFindsItFinal() throws SQLException {
        var t = queue("ACC-001", "ACC-002", 100);
        // The dead-letter processor (of another server) gives up on the transfer while a late delivery of it
        // is being applied.
        var deadLetters = AppliedBy.liberty("ledgerline-2", Coordinator.NONE);
        var interleaved = new VersionedTransferApplier(new InterleavingClock(1, () -> {
            try (Connection other = ds.getConnection()) {
                transfers.finish(other, t.id(), TransferStatus.FAILED, "dead-lettered", clock.instant(), deadLetters);
            }
        }), CONSUMER);

        assertThatThrownBy(() -> apply(interleaved, t.id()))
                .isInstanceOfSatisfying(StatusConflictException.class, e -> assertThat(e.transferId()).isEqualTo(t.id()));

        assertThat(balance("ACC-001")).isEqualTo(1_000_000);
        assertThat(balance("ACC-002")).isEqualTo(500_000);
        assertInvariantsHold();
        assertThat(apply(applier, t.id())).isInstanceOfSatisfying(ApplyOutcome.AlreadyFinal.class, already -> {
            assertThat(already.transfer().status()).isEqualTo(TransferStatus.FAILED);
            assertThat(already.transfer().appliedBy()).isEqualTo(deadLetters);
        });
    }
}
