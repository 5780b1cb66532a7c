package dev.ledgerline.server.idempotent;

import java.time.Clock;
import java.util.Random;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.idempotent.IdempotentTransferProcessor;
import dev.ledgerline.ledger.idempotent.Sleeper;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;

/**
 * The one idempotent processor of the application, shared by every consumer instance. What it reports per
 * delivery is counted in {@link dev.ledgerline.server.observe.TransferMetrics}.
 */
@ApplicationScoped
public class IdempotentProcessing {

    @Resource(lookup = LedgerResources.LOCAL_DATA_SOURCE)
    DataSource dataSource;

    @Inject
    LedgerSettings settings;

    private IdempotentTransferProcessor processor;

    @PostConstruct
    void create() {
        processor = new IdempotentTransferProcessor(dataSource, Clock.systemUTC(), settings.appliedBy(Coordinator.NONE),
                settings.idempotentRetryPolicy(), new Random(), Sleeper.threadSleep());
    }

    public IdempotentTransferProcessor processor() {
        return processor;
    }
}
