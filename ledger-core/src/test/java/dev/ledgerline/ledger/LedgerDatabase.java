package dev.ledgerline.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;

import dev.ledgerline.db.LedgerSchema;

/** A fresh in-memory H2 database with the real migrations, one per test. */
public final class LedgerDatabase {

    private LedgerDatabase() {
    }

    public static JdbcDataSource fresh() {
        var ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        LedgerSchema.migrate(ds);
        return ds;
    }

    /** Runs a statement behind the ledger's back, to prove that the checker notices. */
    public static void tamper(JdbcDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
