package dev.ledgerline.server.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import dev.ledgerline.ledger.store.TransferStore;
import dev.ledgerline.server.config.LedgerResources;

/**
 * Records why a delivery failed, after the failed transaction has rolled back, so the transfer can say why
 * if its message ends on the dead-letter queue. One auto-committed update on the local (non-XA) data
 * source: a note about a failure needs no coordination, and serves both designs.
 */
@Stateless
public class FailedDeliveries {

    private static final Logger LOG = Logger.getLogger(FailedDeliveries.class.getName());

    @Resource(lookup = LedgerResources.LOCAL_DATA_SOURCE)
    DataSource dataSource;

    private final TransferStore transfers = new TransferStore();

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void record(DeliveryFailedException failure) {
        Throwable cause = failure.getCause();
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        // A failure is expected to repeat until the redelivery limit; the stack trace is logged at FINE.
        LOG.warning("delivery " + failure.deliveryCount() + " of transfer " + failure.transferId()
                + " rolled back and will be redelivered: " + error);
        LOG.log(Level.FINE, "delivery failure", cause);
        if (failure.transferId() == null) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            transfers.recordFailedAttempt(c, failure.transferId(), error);
        } catch (SQLException e) {
            LOG.warning("could not record the failed delivery of transfer " + failure.transferId() + ": " + e.getMessage());
        }
    }
}
