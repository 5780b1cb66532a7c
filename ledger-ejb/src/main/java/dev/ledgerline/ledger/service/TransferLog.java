package dev.ledgerline.ledger.service;

import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.ledgerline.ledger.domain.Transfer;

/**
 * Writes the one INFO line per state change of a transfer. The line is written only once the transaction
 * that made the change has committed: a line for a change that rolled back would be a lie in the log.
 */
@ApplicationScoped
public class TransferLog {

    private static final Logger LOG = Logger.getLogger("dev.ledgerline.transfers");

    @Resource
    TransactionSynchronizationRegistry transactions;

    public void afterCommit(Transfer transfer) {
        String line = transfer.describe();
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            LOG.info(line);
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
                }
            }
        });
    }
}
