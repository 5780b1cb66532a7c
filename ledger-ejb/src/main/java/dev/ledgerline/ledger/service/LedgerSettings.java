package dev.ledgerline.ledger.service;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ledger's settings, read through MicroProfile Config: a server.xml variable or an environment
 * variable (e.g. {@code LEDGERLINE_XA_CONSUMERS}) overrides each default.
 */
@ApplicationScoped
public class LedgerSettings {

    @Inject
    @ConfigProperty(name = "ledgerline.transfer.max-amount", defaultValue = "1000000.00")
    BigDecimal maxTransferAmount;

    @Inject
    @ConfigProperty(name = "ledgerline.xa.consumers", defaultValue = "4")
    int xaConsumers;

    @Inject
    @ConfigProperty(name = "ledgerline.poll.wait-ms", defaultValue = "1000")
    long pollWaitMillis;

    /** The largest amount one transfer may move, in major units of its currency. */
    public BigDecimal maxTransferAmount() {
        return maxTransferAmount;
    }

    /** How many threads receive from {@code transfers.xa}, each in its own XA transaction. */
    public int xaConsumers() {
        return xaConsumers;
    }

    /** How long one receive waits for a message before its (empty) transaction ends. */
    public long pollWaitMillis() {
        return pollWaitMillis;
    }
}
