package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.BatchMemberFailedException;
import dev.ledgerline.ledger.apply.LockingTransferApplier;
import dev.ledgerline.ledger.apply.TransferNotFoundException;
import dev.ledgerline.ledger.check.InvariantChecker;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.domain.Money;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.store.AccountStore;
import dev.ledgerline.ledger.store.LedgerEntryStore;
import dev.ledgerline.ledger.store.TransferStore;

class LockingTransferApplierTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    private final Clock clock = Clock.systemUTC();
    private static final AppliedBy WORKER = AppliedBy.worker("worker-7");

    private final LockingTransferApplier applier = new LockingTransferApplier(clock, WORKER);
    private final TransferStore transfers = new TransferStore();
    private final AccountStore accounts = new AccountStore();
    private final InvariantChecker checker = new InvariantChecker(clock);
    private JdbcDataSource ds;

    @BeforeEach
    void freshLedger() {
        ds = LedgerDatabase.fresh();
    }

    private Transfer queue(String from, String to, long amountMinor) throws SQLException {
        var t = Transfer.queued(UUID.randomUUID(), "key-" + UUID.randomUUID(), TransferMode.XA, from, to,
                new Money(amountMinor, EUR), clock.instant());
        try (Connection c = ds.getConnection()) {
            transfers.insert(c, t);
        }
        return t;
    }

    private ApplyOutcome apply(UUID id) throws SQLException {
        return apply(applier, id);
    }

    private ApplyOutcome apply(LockingTransferApplier with, UUID id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            var outcome = with.apply(c, id);
            c.commit();
            return outcome;
        }
    }

    private Transfer stored(UUID id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return transfers.find(c, id).orElseThrow();
        }
    }

    private long balance(String id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return accounts.find(c, id).orElseThrow().balanceMinor();
        }
    }

    @Test
    void completedTransferMovesBothBalancesAndWritesTwoEntries() throws SQLException {
        var t = queue("ACC-001", "ACC-002", 12_345);

        var outcome = apply(t.id());

        assertThat(outcome).isInstanceOf(ApplyOutcome.Completed.class);
        assertThat(outcome.transfer().appliedBy()).isEqualTo(WORKER);
        assertThat(stored(t.id()).appliedBy()).isEqualTo(WORKER);
        assertThat(balance("ACC-001")).isEqualTo(1_000_000 - 12_345);
        assertThat(balance("ACC-002")).isEqualTo(500_000 + 12_345);
        try (Connection c = ds.getConnection()) {
            assertThat(transfers.find(c, t.id()).orElseThrow().status()).isEqualTo(TransferStatus.COMPLETED);
            assertThat(new LedgerEntryStore().forAccount(c, "ACC-001", 10)).singleElement()
                    .satisfies(e -> assertThat(e.amountMinor()).isEqualTo(-12_345));
            assertThat(checker.check(c, Duration.ZERO).allHold()).isTrue();
        }
    }

    @Test
    void insufficientFundsRejectsAndMovesNothing() throws SQLException {
        var t = queue("ACC-006", "ACC-001", 125_001);

        var outcome = apply(t.id());

        assertThat(outcome).isInstanceOf(ApplyOutcome.Rejected.class);
        assertThat(outcome.transfer().reason()).startsWith("insufficient funds");
        assertThat(stored(t.id()).appliedBy()).isEqualTo(new AppliedBy("worker/worker-7", Coordinator.NARAYANA));
        assertThat(balance("ACC-006")).isEqualTo(125_000);
        assertThat(balance("ACC-001")).isEqualTo(1_000_000);
        try (Connection c = ds.getConnection()) {
            assertThat(checker.check(c, Duration.ZERO).allHold()).isTrue();
        }
    }

    @Test
    void aQueuedTransferNamesNoApplier() throws SQLException {
        var t = queue("ACC-001", "ACC-002", 100);

        assertThat(stored(t.id()).appliedBy()).isNull();
    }

    @Test
    void aSecondDeliveryOfAnAppliedTransferChangesNothingNotEvenWhoAppliedIt() throws SQLException {
        var t = queue("ACC-001", "ACC-002", 100);
        apply(t.id());

        // The same message again, taken by another process after the first committed.
        var again = apply(new LockingTransferApplier(clock, AppliedBy.liberty("ledgerline-2", Coordinator.LIBERTY_TM)),
                t.id());

        assertThat(again).isInstanceOf(ApplyOutcome.AlreadyFinal.class);
        assertThat(again.transfer().appliedBy()).isEqualTo(WORKER);
        assertThat(stored(t.id()).appliedBy()).isEqualTo(WORKER);
        assertThat(balance("ACC-001")).isEqualTo(1_000_000 - 100);
    }

    @Test
    void aTransferTheDatabaseDoesNotShowIsReportedSoTheMessageCanBeRetried() {
        assertThatThrownBy(() -> apply(UUID.randomUUID())).isInstanceOf(TransferNotFoundException.class);
    }

    private List<ApplyOutcome> applyAll(LockingTransferApplier with, UUID... ids) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            var outcomes = with.applyAll(c, List.of(ids));
            c.commit();
            return outcomes;
        }
    }

    @Test
    void aBatchAppliesEachMemberOnTheBalancesTheEarlierOnesLeft() throws SQLException {
        var first = queue("ACC-006", "ACC-001", 100_000);
        var second = queue("ACC-006", "ACC-002", 100_000);
        var third = queue("ACC-002", "ACC-006", 30_000);

        var outcomes = applyAll(applier, first.id(), second.id(), third.id());

        // 125,000 less the first 100,000 leaves too little for the second; the third then credits the rest.
        assertThat(outcomes).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("Completed", "Rejected", "Completed");
        assertThat(outcomes.get(1).transfer().reason()).startsWith("insufficient funds");
        assertThat(balance("ACC-006")).isEqualTo(125_000 - 100_000 + 30_000);
        assertThat(balance("ACC-002")).isEqualTo(500_000 - 30_000);
        try (Connection c = ds.getConnection()) {
            assertThat(checker.check(c, Duration.ZERO).allHold()).isTrue();
        }
    }

    @Test
    void aTransferNamedTwiceInOneBatchMovesMoneyOnce() throws SQLException {
        var t = queue("ACC-001", "ACC-002", 100);

        var outcomes = applyAll(applier, t.id(), t.id());

        assertThat(outcomes.get(0)).isInstanceOf(ApplyOutcome.Completed.class);
        assertThat(outcomes.get(1)).isInstanceOf(ApplyOutcome.AlreadyFinal.class);
        assertThat(balance("ACC-001")).isEqualTo(1_000_000 - 100);
    }

    @Test
    void aMemberThatFailsIsNamedSoItsMessageIsBlamedNotItsBatchMates() throws SQLException {
        var good = queue("ACC-001", "ACC-002", 100);
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> applyAll(applier, good.id(), unknown))
                .isInstanceOfSatisfying(BatchMemberFailedException.class,
                        e -> assertThat(e.transferId()).isEqualTo(unknown))
                .hasCauseInstanceOf(TransferNotFoundException.class);
        assertThat(stored(good.id()).status()).isEqualTo(TransferStatus.QUEUED);
        assertThat(balance("ACC-001")).isEqualTo(1_000_000);
    }

    @Test
    void aBatchLocksEveryAccountItMovesBeforeItWritesTheFirst() throws SQLException {
        // Were each member to lock its own accounts as it came, this batch would hold ACC-001 and ACC-004
        // while waiting for ACC-002, and a batch of the opposite transfers could hold ACC-002 and wait for
        // ACC-001: a deadlock. Locked up front in one order, the second member's accounts are already held
        // when the first member writes.
        var first = queue("ACC-004", "ACC-001", 100);
        var second = queue("ACC-003", "ACC-002", 100);
        List<String> lockedAtFirstWrite = new ArrayList<>();
        AtomicBoolean probed = new AtomicBoolean();
        var probing = new LockingTransferApplier(clock, WORKER, () -> {
            if (probed.compareAndSet(false, true)) {
                for (String account : List.of("ACC-002", "ACC-003", "ACC-005")) {
                    if (LedgerDatabase.heldByAnother(ds, account)) {
                        lockedAtFirstWrite.add(account);
                    }
                }
            }
        });

        applyAll(probing, first.id(), second.id());

        assertThat(lockedAtFirstWrite).containsExactly("ACC-002", "ACC-003");
        assertThat(balance("ACC-002")).isEqualTo(500_000 + 100);
    }

    @Test
    void theCheckerNoticesMoneyMovedBehindTheLedgersBack() throws SQLException {
        var t = queue("ACC-001", "ACC-002", 100);
        apply(t.id());
        LedgerDatabase.tamper(ds, "UPDATE account SET balance_minor = balance_minor + 1 WHERE id = 'ACC-003'");

        try (Connection c = ds.getConnection()) {
            var report = checker.check(c, Duration.ZERO);

            assertThat(report.allHold()).isFalse();
            assertThat(report.result(InvariantChecker.MONEY_CONSERVED).holds()).isFalse();
            assertThat(report.result(InvariantChecker.BALANCE_MATCHES_ENTRIES).detail()).contains("ACC-003");
            assertThat(report.result(InvariantChecker.TWO_ENTRIES_PER_COMPLETED).holds()).isTrue();
        }
    }

    @Test
    void theCheckerNoticesACompletedTransferWithoutEntriesAndAStuckOne() throws SQLException {
        var applied = queue("ACC-001", "ACC-002", 100);
        apply(applied.id());
        queue("ACC-003", "ACC-004", 100);
        LedgerDatabase.tamper(ds, "DELETE FROM ledger_entry WHERE transfer_id = '" + applied.id() + "'");

        try (Connection c = ds.getConnection()) {
            var report = checker.check(c, Duration.ofSeconds(-1));

            assertThat(report.result(InvariantChecker.TWO_ENTRIES_PER_COMPLETED).violations()).isEqualTo(1);
            assertThat(report.result(InvariantChecker.NONE_LOST).violations()).isEqualTo(1);
            assertThat(report.result(InvariantChecker.NOTHING_IN_DOUBT).holds()).isTrue();
        }
    }

    @Test
    void theCheckerAcceptsAnUntouchedLedger() throws SQLException {
        try (Connection c = ds.getConnection()) {
            assertThat(checker.check(c, Duration.ZERO).allHold()).isTrue();
        }
    }
}
