package dev.ledgerline.server.observe;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.observe.AfterCommitLog;

/**
 * Writes the one INFO line per state change of a transfer ({@link AfterCommitLog}, as the worker does), and
 * counts it in {@link TransferMetrics}. Both happen only once the transaction that made the change has
 * committed: a line or a count for a change that rolled back would be a lie.
 */
@ApplicationScoped
public class TransferLog {

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    TransferMetrics metrics;

    /**
     * Inside a container transaction, the line waits for its commit; outside one (the idempotent and unsafe
     * designs, whose local transactions have committed when they call this), it is written at once.
     */
    public void afterCommit(Transfer transfer) {
        AfterCommitLog line = new AfterCommitLog(transfer, metrics::stateChanged);
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            line.committed();
        } else {
            transactions.registerInterposedSynchronization(line);
        }
    }
}
