package dev.ledgerline.server.startup;

import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import dev.ledgerline.db.LedgerSchema;
import dev.ledgerline.server.config.LedgerResources;

/**
 * Brings the database to the current schema when the application starts, before anything else touches it,
 * and after {@link SettingsCheck} has found the settings safe. Flyway manages its own local transactions, so
 * no container transaction is wanted here.
 */
@Singleton
@Startup
@DependsOn("SettingsCheck")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = LedgerResources.DATA_SOURCE)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        var result = LedgerSchema.migrate(dataSource);
        LOG.info("ledger schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }
}
