package dev.ledgerline.harness.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * The database of one run (a drill, a stress run, a benchmark scenario), as the process under test, the
 * load and the checker reach it.
 */
public interface DatabaseUnderTest extends AutoCloseable {

    String jdbcUrl();

    String user();

    String password();

    /** What Liberty needs in its environment to use this database (server.xml's settings). */
    Map<String, String> libertyEnvironment();

    /**
     * Whether the database can be read while the process under test has it open: false for H2 in file mode,
     * which admits only its owner while that process runs.
     */
    boolean readableWhileInUse();

    /** The database as a {@link DataSource}, for what takes one (the schema migration). */
    DataSource dataSource();

    /**
     * The database server's process, whose CPU time (with its backends') is the database's share of a run;
     * empty when the database lives inside the process under test (H2).
     */
    default OptionalLong serverPid() {
        return OptionalLong.empty();
    }

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    /** Money per currency in minor units, read straight from the database; empty if it cannot be read now. */
    default Optional<Map<String, Long>> totals() {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT currency, SUM(balance_minor) AS total FROM account GROUP BY currency");
             ResultSet rs = ps.executeQuery()) {
            Map<String, Long> totals = new TreeMap<>();
            while (rs.next()) {
                totals.put(rs.getString("currency").trim(), rs.getLong("total"));
            }
            return Optional.of(totals);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    @Override
    void close();

    /**
     * A PostgreSQL server on a port of the caller's choosing, on the cluster in {@code dataDir}: made there if
     * it is not there yet, else started again with the data it holds.
     */
    static DatabaseUnderTest postgresql(Path dataDir, int port) throws Exception {
        return PostgresDatabase.start(dataDir, port);
    }

    /** A fresh database of the given kind inside the run directory (H2's file, or a PostgreSQL cluster). */
    static DatabaseUnderTest start(Database database, Path runDir) throws Exception {
        return switch (database) {
            case H2 -> new H2Database(runDir.resolve("data"));
            case POSTGRESQL -> PostgresDatabase.start(runDir.resolve("postgres"));
        };
    }
}
