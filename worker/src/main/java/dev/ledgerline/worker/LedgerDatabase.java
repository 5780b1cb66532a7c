package dev.ledgerline.worker;

import javax.sql.DataSource;
import javax.sql.XADataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.xa.PGXADataSource;

/**
 * The ledger database as the worker reaches it: an XA data source for the consumers' branches, and a plain
 * one for what needs no coordination (migrations, notes about failed deliveries, totals). The driver is
 * chosen from the JDBC URL; H2 and PostgreSQL are the two the ledger's SQL runs on.
 */
public record LedgerDatabase(String url, XADataSource xa, DataSource plain) {

    public static LedgerDatabase open(String url, String user, String password) {
        if (url.startsWith("jdbc:h2:")) {
            // H2's data source is both: its XA connections and its plain ones reach the same database.
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            return new LedgerDatabase(url, h2, h2);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGXADataSource xa = new PGXADataSource();
            xa.setURL(url);
            xa.setUser(user);
            xa.setPassword(password);
            PGSimpleDataSource plain = new PGSimpleDataSource();
            plain.setURL(url);
            plain.setUser(user);
            plain.setPassword(password);
            return new LedgerDatabase(url, xa, plain);
        }
        throw new IllegalArgumentException("unsupported database URL " + url
                + ": expected jdbc:h2:... or jdbc:postgresql:...");
    }

    /** The URL for the log, with a password given in it masked. */
    @Override
    public String toString() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
