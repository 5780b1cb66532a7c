package dev.ledgerline.worker.consume;

import java.util.logging.Logger;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

import dev.ledgerline.ledger.domain.Transfer;

/**
 * The one INFO line for a transfer's state change, written once the transaction that made the change has
 * committed: a line for a change that rolled back would be a lie in the log. Same logger and same line
 * ({@link Transfer#describe()}) as the server's TransferLog, so one grep reads both.
 */
final class AfterCommitLog implements Synchronization {

    static final Logger TRANSFERS = Logger.getLogger("dev.ledgerline.transfers");

    private final String line;

    AfterCommitLog(Transfer transfer) {
        this.line = transfer.describe();
    }

    @Override
    public void beforeCompletion() {
        // nothing to do before the outcome is known
    }

    @Override
    public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
            TRANSFERS.info(line);
        }
    }
}
