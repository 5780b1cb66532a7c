package dev.ledgerline.ledger.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.ledgerline.ledger.store.TransferStore;

/**
 * Notes why a delivery failed, after its transaction has rolled back: a warning in the log, and the error on
 * the transfer in one auto-committed update of its own, so that a transfer whose message ends on the
 * dead-letter queue can say why. A note needs no coordination, so a plain (non-XA) data source serves every
 * design, the server's and the worker's alike.
 */
public final class FailedDeliveryNotes {

    private static final Logger LOG = Logger.getLogger(FailedDeliveryNotes.class.getName());

    private final TransferStore transfers = new TransferStore();

    /** @param plain a non-XA data source: the note must not join (or wait for) any transaction */
    public void record(DataSource plain, FailedDelivery failure) {
        String error = failure.error();
        // A failure is expected to repeat until the redelivery limit; the stack trace is logged at FINE.
        LOG.warning("delivery " + failure.deliveryCount() + " of transfer " + failure.transferId()
                + " rolled back and will be redelivered: " + error);
        LOG.log(Level.FINE, "delivery failure", failure.cause());
        if (failure.transferId() == null) {
            return;
        }
        try (Connection c = plain.getConnection()) {
            transfers.recordFailedAttempt(c, failure.transferId(), error);
        } catch (SQLException e) {
            LOG.warning("could not record the failed delivery of transfer " + failure.transferId() + ": " + e.getMessage());
        }
    }
}
