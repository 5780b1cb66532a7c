package dev.ledgerline.drills;

/** The database a drill runs on; every XA drill runs on both. */
public enum Database {
    /** H2 in file mode, owned by the process under drill: the embedded default. */
    H2("h2"),
    /** A PostgreSQL server of the drill's own, with prepared transactions enabled. */
    POSTGRESQL("postgresql");

    private final String label;

    Database(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
