package dev.ledgerline.harness.database;

import java.util.Arrays;
import java.util.Optional;

/** The database a drill or a benchmark scenario runs on; every XA and idempotent drill runs on both. */
public enum Database {
    /**
     * A PostgreSQL server of the run's own, with prepared transactions enabled: the default database, which
     * the Quick start runs.
     */
    POSTGRESQL("postgresql", "a PostgreSQL server of the run's own (fsync and synchronous_commit on)"),
    /**
     * H2 in file mode, owned by the process under test: an option for one user, since it loses committed
     * updates under concurrent load (docs/h2-lost-update.md).
     */
    H2("h2", "an H2 file with WRITE_DELAY=0 (written at each commit, never forced to disk)");

    /** What the Quick start runs, and what the unsafe controls, drills-lite, the soak and the stress run on. */
    public static final Database DEFAULT = POSTGRESQL;

    private final String label;
    private final String description;

    Database(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The name on the command line and in every report: {@code postgresql} or {@code h2}. */
    public String label() {
        return label;
    }

    /** What it is and how it makes a commit durable, in the words every report uses. */
    public String description() {
        return description;
    }

    public static Optional<Database> labelled(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }
}
