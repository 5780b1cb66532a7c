package dev.ledgerline.worker.narayana;

/**
 * Where Narayana keeps the worker's transaction log. Both force each record to disk before the commit
 * decision is acted on; they differ in how many forced writes that takes.
 */
public enum ObjectStoreKind {
    /**
     * Narayana's default shadowing file store: per transaction, a file created, written, forced and renamed
     * into place, and deleted once every branch has ended. One record is one file, so the log can be read
     * with nothing but a directory listing.
     */
    FILE,
    /**
     * Narayana's journal store ({@code HornetqObjectStoreAdaptor}) over Artemis's journal: records are
     * appended to preallocated files and the appends of concurrent transactions share one forced write.
     */
    JOURNAL
}
