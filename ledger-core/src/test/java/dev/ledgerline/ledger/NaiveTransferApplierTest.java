package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.NaiveTransferApplier;
import dev.ledgerline.ledger.check.InvariantChecker;
import dev.ledgerline.ledger.check.InvariantReport;
import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.store.AccountStore;

/**
 * The unsafe {@code at-least-once-naive} control: right once, wrong on a redelivery, and the checker says so.
 */
class NaiveTransferApplierTest {

    private final Clock clock = Clock.systemUTC();
    private final NaiveTransferApplier applier = new NaiveTransferApplier(clock,
            AppliedBy.liberty("ledgerline", Coordinator.NONE));
    private final AccountStore accounts = new AccountStore();
    private final InvariantChecker checker = new InvariantChecker(clock);
    private JdbcDataSource ds;

    @BeforeEach
    void freshLedger() {
        ds = LedgerDatabase.fresh();
    }

    private Transfer queue(String from, String to, long amountMinor) throws SQLException {
        return LedgerDatabase.queue(ds, TransferMode.AT_LEAST_ONCE_NAIVE, from, to, amountMinor, clock.instant());
    }

    /** One delivery: a local transaction that commits, as the naive consumer runs it. */
    private ApplyOutcome deliver(UUID id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            var outcome = applier.apply(c, id);
            c.commit();
            return outcome;
        }
    }

    private long balance(String id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return accounts.find(c, id).orElseThrow().balanceMinor();
        }
    }

    private InvariantReport check() throws SQLException {
        try (Connection c = ds.getConnection()) {
            return checker.check(c, Duration.ofMinutes(1));
        }
    }

    @Test
    void aSingleDeliveryIsAppliedCorrectlyAndPassesEveryInvariant() throws SQLException {
        long fromBefore = balance("ACC-001");
        long toBefore = balance("ACC-002");
        Transfer t = queue("ACC-001", "ACC-002", 1_234);

        assertThat(deliver(t.id())).isInstanceOf(ApplyOutcome.Completed.class);
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(id) FROM transfer WHERE applied_by = 'liberty/ledgerline'"
                + " AND coordinator = 'none'")).isEqualTo(1);

        assertThat(balance("ACC-001")).isEqualTo(fromBefore - 1_234);
        assertThat(balance("ACC-002")).isEqualTo(toBefore + 1_234);
        InvariantReport report = check();
        assertThat(report.allHold()).as(report.toString()).isTrue();
    }

    @Test
    void aRedeliveryAfterTheCommitMovesTheBalancesTwiceAndTheCheckerCatchesIt() throws SQLException {
        long fromBefore = balance("ACC-001");
        long toBefore = balance("ACC-002");
        Transfer t = queue("ACC-001", "ACC-002", 1_234);

        deliver(t.id());
        // The consumer died after its commit and before its acknowledgement: the broker delivers again.
        assertThat(deliver(t.id())).as("nothing stops the second application").isInstanceOf(ApplyOutcome.Completed.class);

        assertThat(balance("ACC-001")).isEqualTo(fromBefore - 2 * 1_234);
        assertThat(balance("ACC-002")).isEqualTo(toBefore + 2 * 1_234);
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(*) FROM ledger_entry WHERE transfer_id = '" + t.id() + "'"))
                .as("the replay-tolerant journal still shows one application").isEqualTo(2);

        InvariantReport report = check();
        InvariantResult balances = report.result(InvariantChecker.BALANCE_MATCHES_ENTRIES);
        assertThat(balances.holds()).as(report.toString()).isFalse();
        assertThat(balances.violations()).as("the source and the target account").isEqualTo(2);
        assertThat(balances.detail()).contains("ACC-001");
        // Debit and credit both doubled: the total is unchanged, so only invariant 6 can see this.
        assertThat(report.result(InvariantChecker.MONEY_CONSERVED).holds()).isTrue();
    }
}
