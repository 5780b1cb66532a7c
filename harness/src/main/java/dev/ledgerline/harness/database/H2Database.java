package dev.ledgerline.harness.database;

import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/**
 * The H2 file the process under test owns. H2 in file mode admits one process at a time, so a run opens it
 * only while that process is down: before a restart (to record what the crash left) and after the final stop.
 */
public record H2Database(Path dataDir) implements DatabaseUnderTest {

    /** The same URL as server.xml builds from {@code LEDGERLINE_DATA_DIR}. */
    @Override
    public String jdbcUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("h2/ledger").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    @Override
    public String user() {
        return "ledgerline";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public Map<String, String> libertyEnvironment() {
        return Map.of("LEDGERLINE_DB", "h2");
    }

    @Override
    public boolean readableWhileInUse() {
        return false;
    }

    @Override
    public DataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(user());
        dataSource.setPassword(password());
        return dataSource;
    }

    @Override
    public void close() {
        // The file stays for the post-mortem; the run directory is wiped when the drill runs again.
    }
}
