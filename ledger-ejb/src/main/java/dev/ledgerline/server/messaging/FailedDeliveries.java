package dev.ledgerline.server.messaging;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import dev.ledgerline.ledger.messaging.FailedDeliveryNotes;
import dev.ledgerline.server.config.LedgerResources;

/**
 * Notes why a delivery failed, after the failed transaction has rolled back, with the worker's
 * {@link FailedDeliveryNotes}: one auto-committed update on the local (non-XA) data source, outside any
 * container transaction. A note about a failure needs no coordination, and serves every design.
 */
@Stateless
public class FailedDeliveries {

    @Resource(lookup = LedgerResources.LOCAL_DATA_SOURCE)
    DataSource dataSource;

    private final FailedDeliveryNotes notes = new FailedDeliveryNotes();

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void record(DeliveryFailedException failure) {
        notes.record(dataSource, failure.delivery());
    }
}
