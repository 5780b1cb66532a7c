package dev.ledgerline.server.startup;

import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import dev.ledgerline.server.config.LedgerSettings;

/**
 * Refuses to start the application with a setting that would make it unsafe, before anything touches the
 * database or the broker: {@link SchemaMigration}, on which every other startup bean depends, depends on this
 * one. Today one setting: a retention window no longer than the broker's redelivery window, under which a
 * processed-message record could be deleted while copies of its message may still come. The reason is
 * logged once, naming the setting, its value and the minimum; the exception then fails the application's
 * start.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SettingsCheck {

    private static final Logger LOG = Logger.getLogger(SettingsCheck.class.getName());

    @Inject
    LedgerSettings settings;

    @PostConstruct
    void check() {
        try {
            settings.retentionWindow();
        } catch (IllegalStateException e) {
            LOG.severe("refusing to start: " + e.getMessage());
            throw new IllegalStateException("refusing to start: " + e.getMessage());
        }
    }
}
