package dev.ledgerline.ledger.observe;

import java.util.function.Consumer;
import java.util.logging.Logger;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

import dev.ledgerline.ledger.domain.Transfer;

/**
 * The one INFO line per state change of a transfer ({@link Transfer#describe()}, logger
 * {@value #LOGGER_NAME}), written only once the transaction that made the change has committed: a line for a
 * change that rolled back would be a lie in the log. Registered with Liberty's transaction by the server and
 * with Narayana's by the worker, so one grep reads both.
 */
public final class AfterCommitLog implements Synchronization {

    /** The logger of the transfer lines; drills and tests find the lines by it. */
    public static final String LOGGER_NAME = "dev.ledgerline.transfers";

    private static final Logger TRANSFERS = Logger.getLogger(LOGGER_NAME);

    private final Transfer transfer;
    private final String line;
    private final Consumer<Transfer> alsoOnCommit;

    /**
     * @param alsoOnCommit what else happens once the change has committed (the server counts it in its
     *                     metrics), with the transfer as the change left it
     */
    public AfterCommitLog(Transfer transfer, Consumer<Transfer> alsoOnCommit) {
        this.transfer = transfer;
        // Described now, as the change left it, whatever happens to the object before the commit.
        this.line = transfer.describe();
        this.alsoOnCommit = alsoOnCommit;
    }

    /** For a change already committed (outside any global transaction): the line at once. */
    public void committed() {
        TRANSFERS.info(line);
        alsoOnCommit.accept(transfer);
    }

    @Override
    public void beforeCompletion() {
        // nothing to do before the outcome is known
    }

    @Override
    public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
            committed();
        }
    }
}
