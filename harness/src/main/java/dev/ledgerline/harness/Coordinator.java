package dev.ledgerline.harness;

/**
 * The process that runs the consumers and, for the XA design, coordinates their two-phase commits: the two
 * runtimes the drills kill and the benchmark measures.
 */
public enum Coordinator {
    /** Open Liberty with the EAR: its transaction manager coordinates; the log is its tranlog. */
    LIBERTY("liberty", "liberty"),
    /** The standalone worker: Narayana coordinates inside it; the log is its object store. */
    NARAYANA_WORKER("worker", "narayana");

    private final String runtime;
    private final String transactionManager;

    Coordinator(String runtime, String transactionManager) {
        this.runtime = runtime;
        this.transactionManager = transactionManager;
    }

    /** The process, as the benchmark's report names it: {@code liberty} or {@code worker}. */
    public String runtime() {
        return runtime;
    }

    /** The transaction manager, as the drills' report names it: {@code liberty} or {@code narayana}. */
    public String transactionManager() {
        return transactionManager;
    }
}
