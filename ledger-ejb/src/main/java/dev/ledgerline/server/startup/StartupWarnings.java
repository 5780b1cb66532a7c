package dev.ledgerline.server.startup;

import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import dev.ledgerline.ledger.crash.CrashPoint;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.server.config.LedgerSettings;

/**
 * Says once, when the application starts, the name this server records on the transfers it ends (a name that
 * is no plain name fails the start here, before any consumer runs), and what makes this server unfit for real
 * money: a crash point armed for a drill (the JVM will halt there), or the unsafe demonstration modes enabled.
 * Nobody should find out from the ledger.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StartupWarnings {

    private static final Logger LOG = Logger.getLogger(StartupWarnings.class.getName());

    @Inject
    LedgerSettings settings;

    @PostConstruct
    void warn() {
        LOG.info("this server records the transfers it ends as " + settings.processName()
                + " (ledgerline.process.name)");
        CrashPoint armed = CrashPoints.armed();
        if (armed != null) {
            LOG.warning("crash point " + armed.pointName() + " is ARMED (-D" + CrashPoints.POINT_PROPERTY
                    + "): this JVM will halt when " + armed.where() + ". For crash drills only.");
        }
        if (settings.unsafeModesEnabled()) {
            LOG.warning("UNSAFE demonstration modes at-most-once and at-least-once-naive are ENABLED"
                    + " (ledgerline.unsafe-modes.enabled): transfers submitted in them can be lost or applied"
                    + " twice. For demonstrations and crash drills only.");
        }
    }
}
