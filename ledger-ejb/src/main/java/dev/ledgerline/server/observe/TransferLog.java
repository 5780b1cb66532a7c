package dev.ledgerline.server.observe;

import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.ledgerline.ledger.domain.Transfer;

/**
 * Writes the one INFO line per state change of a transfer, and counts it in {@link TransferMetrics}. Both
 * happen only once the transaction that made the change has committed: a line or a count for a change that
 * rolled back would be a lie.
 */
@ApplicationScoped
public class TransferLog {

    private static final Logger LOG = Logger.getLogger("dev.ledgerline.transfers");

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    TransferMetrics metrics;

    public void afterCommit(Transfer transfer) {
        String line = transfer.describe();
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            LOG.info(line);
            metrics.stateChanged(transfer);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the outcome is known
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    LOG.info(line);
                    metrics.stateChanged(transfer);
                }
            }
        });
    }
}
