package dev.ledgerline.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.LogManager;

/**
 * Applies the broker's default java.util.logging settings (Artemis logs through slf4j-jdk14 into JUL):
 * broker lifecycle at INFO, everything else at WARNING, one line per record. An operator who passes
 * {@code -Djava.util.logging.config.file} or {@code -Djava.util.logging.config.class} keeps full control.
 */
final class BrokerLogging {

    private static final String DEFAULTS = "/ledgerline-broker-logging.properties";

    private BrokerLogging() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        try (InputStream in = BrokerLogging.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the broker jar");
            }
            LogManager.getLogManager().readConfiguration(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEFAULTS, e);
        }
    }
}
