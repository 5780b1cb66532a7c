package dev.ledgerline.server.unsafe;

import java.sql.SQLException;
import java.time.Clock;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.messaging.DeadLetters;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.messaging.TransactedReceive;
import dev.ledgerline.server.observe.TransferLog;

/**
 * Ends the unsafe-mode transfers whose messages the broker gave up on ({@code transfers.unsafe.dlq}): records
 * the dead letter and ends its transfer FAILED with the last recorded error ({@link DeadLetters}), in a local
 * database transaction committed before the dead letter is acknowledged (by committing the broker session,
 * {@link TransactedReceive}), as the idempotent design's dead-letter consumer does. A dead letter delivered
 * twice finds its record and changes nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UnsafeDeadLetterProcessor {

    private static final Logger LOG = Logger.getLogger(UnsafeDeadLetterProcessor.class.getName());

    @Resource(lookup = LedgerResources.LOCAL_DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = LedgerResources.UNSAFE_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    TransferLog log;

    @Inject
    LedgerSettings settings;

    private DeadLetters ending;

    @PostConstruct
    void create() {
        ending = new DeadLetters(TransferQueue.UNSAFE, Clock.systemUTC(), settings.appliedBy(Coordinator.NONE));
    }

    /** @return false if no dead letter arrived within the wait */
    public boolean failNext(long waitMillis) {
        return TransactedReceive.takeOne(connectionFactory, TransferQueue.UNSAFE.deadLetterAddress(), waitMillis,
                (message, session) -> {
                    try {
                        ending.endInLocalTransaction(dataSource, message).ifPresent(log::afterCommit);
                        // Acknowledged only once the transfer is ended.
                        session.commit();
                    } catch (SQLException | JMSException | RuntimeException e) {
                        LOG.warning("could not process a dead letter of " + TransferQueue.UNSAFE.address()
                                + "; it will be delivered again: " + e);
                        session.rollback();
                    }
                });
    }
}
