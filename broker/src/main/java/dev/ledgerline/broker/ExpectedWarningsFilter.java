package dev.ledgerline.broker;

import java.util.Set;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops the two Artemis warnings that Ledgerline's configuration causes on purpose, so that a real warning
 * stands out in a drill's log:
 * <ul>
 *   <li>AMQ222165, no dead-letter address: the {@code .dlq} queues are the end of the line, and temporary
 *       queues (one per management request client, per JMS reply queue) need none;</li>
 *   <li>AMQ222166, no expiry address: no Ledgerline message carries a time-to-live.</li>
 * </ul>
 * Both are logged again for every queue created, temporary ones included. Named in
 * {@code ledgerline-broker-logging.properties}; JUL instantiates it, hence public.
 */
public final class ExpectedWarningsFilter implements Filter {

    private static final Set<String> EXPECTED_CODES = Set.of("AMQ222165", "AMQ222166");

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        // slf4j-jdk14 hands JUL the formatted text, which Artemis starts with its message code and a colon.
        int colon = message == null ? -1 : message.indexOf(':');
        return colon < 0 || !EXPECTED_CODES.contains(message.substring(0, colon));
    }
}
