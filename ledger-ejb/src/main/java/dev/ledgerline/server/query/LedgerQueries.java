package dev.ledgerline.server.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import dev.ledgerline.ledger.check.InvariantChecker;
import dev.ledgerline.ledger.check.InvariantReport;
import dev.ledgerline.ledger.domain.Account;
import dev.ledgerline.ledger.domain.DeadLetter;
import dev.ledgerline.ledger.domain.LedgerEntry;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.store.AccountStore;
import dev.ledgerline.ledger.store.DeadLetterStore;
import dev.ledgerline.ledger.store.LedgerEntryStore;
import dev.ledgerline.ledger.store.TransferStore;
import dev.ledgerline.server.config.LedgerResources;

/** Read-only views of the ledger for the API. Reads need no global transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LedgerQueries {

    @Resource(lookup = LedgerResources.DATA_SOURCE)
    DataSource dataSource;

    private final AccountStore accounts = new AccountStore();
    private final TransferStore transfers = new TransferStore();
    private final LedgerEntryStore entries = new LedgerEntryStore();
    private final DeadLetterStore deadLetters = new DeadLetterStore();
    private final InvariantChecker checker = new InvariantChecker(Clock.systemUTC());

    public List<Account> accounts() {
        return read(accounts::findAll);
    }

    public Optional<Account> account(String id) {
        return read(c -> accounts.find(c, id));
    }

    /** The accounts a customer holds. */
    public List<Account> accountsHeldBy(String customer) {
        return read(c -> accounts.findHeldBy(c, customer));
    }

    public boolean holds(String customer, String accountId) {
        return read(c -> accounts.isHeldBy(c, accountId, customer));
    }

    public List<LedgerEntry> entries(String accountId, int limit) {
        return read(c -> entries.forAccount(c, accountId, limit));
    }

    public Optional<Transfer> transfer(UUID id) {
        return read(c -> transfers.find(c, id));
    }

    public List<Transfer> recentTransfers(int limit) {
        return read(c -> transfers.findRecent(c, limit));
    }

    /** The newest transfers that touch an account the customer holds. */
    public List<Transfer> recentTransfersOf(String customer, int limit) {
        return read(c -> transfers.findRecentTouching(c, customer, limit));
    }

    /** The dead letters taken from every dead-letter queue, the newest first. */
    public List<DeadLetter> recentDeadLetters(int limit) {
        return read(c -> deadLetters.findRecent(c, limit));
    }

    public InvariantReport invariants(Duration settleTime) {
        return read(c -> checker.check(c, settleTime));
    }

    @FunctionalInterface
    private interface Read<T> {
        T from(Connection c) throws SQLException;
    }

    private <T> T read(Read<T> read) {
        try (Connection c = dataSource.getConnection()) {
            return read.from(c);
        } catch (SQLException e) {
            throw new IllegalStateException("ledger database read failed: " + e.getMessage(), e);
        }
    }
}
