package dev.ledgerline.server.idempotent;

import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.messaging.DeadLetters;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.observe.TransferLog;

/**
 * Ends the idempotent transfers whose messages the broker gave up on ({@code transfers.idempotent.dlq}): records
 * the dead letter and ends its transfer FAILED with the last recorded error ({@link DeadLetters}), in a local
 * transaction committed before the dead letter is acknowledged. A redelivered dead letter finds its record and
 * changes nothing.
 */
@MessageDriven(name = "IdempotentDeadLetterConsumer")
@TransactionManagement(TransactionManagementType.BEAN)
public class IdempotentDeadLetterConsumer implements MessageListener {

    @Resource(lookup = LedgerResources.LOCAL_DATA_SOURCE)
    DataSource dataSource;

    @Inject
    TransferLog log;

    @Inject
    LedgerSettings settings;

    private DeadLetters ending;

    @PostConstruct
    void create() {
        ending = new DeadLetters(TransferQueue.IDEMPOTENT, Clock.systemUTC(), settings.appliedBy(Coordinator.NONE));
    }

    @Override
    public void onMessage(Message message) {
        try {
            // Committed before onMessage returns, and so before the resource adapter acknowledges.
            ending.endInLocalTransaction(dataSource, message).ifPresent(log::afterCommit);
        } catch (SQLException e) {
            throw new IllegalStateException("could not process a dead letter: " + e.getMessage(), e);
        }
    }
}
