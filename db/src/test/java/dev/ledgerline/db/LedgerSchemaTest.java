package dev.ledgerline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class LedgerSchemaTest {

    private static JdbcDataSource freshDatabase(String name) {
        var ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Test
    void migratesAnEmptyDatabaseAndSeedsDemoAccounts() throws SQLException {
        var ds = freshDatabase("schema-fresh");

        var result = LedgerSchema.migrate(ds);

        assertThat(result.migrationsExecuted).isEqualTo(8);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT owner), SUM(balance_minor - opening_balance_minor) FROM account")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(10);
            assertThat(rs.getLong(2)).isZero();
        }
    }

    @Test
    void runningAgainChangesNothing() throws SQLException {
        var ds = freshDatabase("schema-again");
        LedgerSchema.migrate(ds);

        var second = LedgerSchema.migrate(ds);

        assertThat(second.migrationsExecuted).isZero();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM account")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(12);
        }
    }

    @Test
    void aTransferNamesWhoEndedItOnlyWithTheCoordinator() throws SQLException {
        var ds = freshDatabase("schema-applied-by");
        LedgerSchema.migrate(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO transfer (id, idempotency_key, mode, from_account, to_account, amount_minor, currency,
                                          status, created_at)
                    VALUES ('6f9619ff-8b86-d011-b42d-00c04fc964ff', 'k', 'XA', 'ACC-001', 'ACC-002', 1, 'EUR',
                            'QUEUED', CURRENT_TIMESTAMP)""");

            assertThatThrownBy(() -> s.executeUpdate("UPDATE transfer SET applied_by = 'liberty/ledgerline'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage())
                            .containsIgnoringCase("transfer_applied_by_with_coordinator"));
            assertThat(s.executeUpdate("UPDATE transfer SET applied_by = 'liberty/ledgerline', coordinator = 'liberty-tm'"))
                    .isEqualTo(1);
        }
    }
}
