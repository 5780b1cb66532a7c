package dev.ledgerline.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import dev.ledgerline.ledger.domain.Account;

/**
 * Reads and writes accounts on the caller's connection, in the caller's transaction. It never commits: who
 * owns the transaction (Liberty, Narayana, or a local one) is the caller's business.
 */
public final class AccountStore {

    private static final String COLUMNS =
            "id, owner, currency, opening_balance_minor, balance_minor, floor_minor, version, updated_at";

    public Optional<Account> find(Connection c, String id) throws SQLException {
        return Sql.findOne(c, "SELECT " + COLUMNS + " FROM account WHERE id = ?", id, AccountStore::read);
    }

    /** Reads the account and holds its row lock until the transaction ends. */
    public Optional<Account> findForUpdate(Connection c, String id) throws SQLException {
        return Sql.findOne(c, "SELECT " + COLUMNS + " FROM account WHERE id = ? " + Sql.rowLockForUpdate(c),
                id, AccountStore::read);
    }

    public List<Account> findAll(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM account ORDER BY id")) {
            return Sql.findAll(ps, AccountStore::read);
        }
    }

    /** The accounts {@code customer} holds (table customer_account). */
    public List<Account> findHeldBy(Connection c, String customer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + """
                 FROM account
                WHERE id IN (SELECT account_id FROM customer_account WHERE customer = ?)
                ORDER BY id""")) {
            ps.setString(1, customer);
            return Sql.findAll(ps, AccountStore::read);
        }
    }

    /** Whether {@code customer} holds the account; false as well when there is no such account. */
    public boolean isHeldBy(Connection c, String accountId, String customer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM customer_account WHERE customer = ? AND account_id = ?")) {
            ps.setString(1, customer);
            ps.setString(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Moves the balance by {@code deltaMinor} if the account is still at the version that was read. Returns
     * false when another transaction changed it in between: the caller decides whether that is a bug (it
     * held the row lock) or a conflict to retry (it did not).
     *
     * <p>The new balance is computed by the database from the row it updates, not written as a value
     * computed from the read: with the version condition holding, the two are the same, and a second line of
     * defence costs nothing. It does not defend against a database that loses a committed update outright,
     * as H2 does under concurrent rollbacks (docs/h2-lost-update.md): the invariant checker finds that.
     */
    public boolean updateBalance(Connection c, Account readAs, long deltaMinor, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE account
                   SET balance_minor = balance_minor + ?, version = version + 1, updated_at = ?
                 WHERE id = ? AND version = ?""")) {
            ps.setLong(1, deltaMinor);
            Sql.setInstant(ps, 2, at);
            ps.setString(3, readAs.id());
            ps.setLong(4, readAs.version());
            return ps.executeUpdate() == 1;
        }
    }

    private static Account read(ResultSet rs) throws SQLException {
        return new Account(
                rs.getString("id"),
                rs.getString("owner"),
                Currency.getInstance(rs.getString("currency").trim()),
                rs.getLong("opening_balance_minor"),
                rs.getLong("balance_minor"),
                rs.getLong("floor_minor"),
                rs.getLong("version"),
                Sql.getInstant(rs, "updated_at"));
    }
}
