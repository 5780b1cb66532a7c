package dev.ledgerline.db;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to the current ledger schema. Every runtime (the application server, the standalone
 * worker, the tests) calls this one method, so there is exactly one definition of what "current" means.
 */
public final class LedgerSchema {

    /**
     * Where the migrations live on the class path; the same files serve H2 and PostgreSQL. The folder holds
     * an empty {@code flyway.location} file because Liberty's class loader (like WebSphere's) lists a
     * folder's resources only through a file inside it. Flyway's default callback folder, {@code db/callback},
     * holds one too, empty of callbacks, so that its scan finds a folder rather than logging an error.
     */
    public static final String LOCATION = "classpath:db/migration";

    private LedgerSchema() {
    }

    /**
     * Applies the migrations that have not run yet. Safe to call at every start: Flyway records what it
     * applied and, when several servers start at once, serialises them with a lock on its history table.
     */
    public static MigrateResult migrate(DataSource dataSource) {
        // This class's own loader sees the migrations beside it; inside an application server the thread's
        // context loader (Flyway's default) may not.
        return Flyway.configure(LedgerSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                // A location that cannot be read is an error, never "no migrations": the application must not
                // start on a database without its tables.
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }
}
