package dev.ledgerline.server.xa;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.LockingTransferApplier;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.messaging.DeliveryFailedException;
import dev.ledgerline.server.observe.TransferLog;
import dev.ledgerline.server.observe.TransferMetrics;

/**
 * The XA consumer: receives one message from {@code transfers.xa} and applies its transfer, in one
 * container-managed transaction. The receive goes through the resource adapter's outbound (XA) connection
 * factory, so the broker's branch (the acknowledgement) and the database's branch (debit, credit, entries,
 * status) are prepared and committed together by Liberty's transaction manager.
 *
 * <p>Why not a message-driven bean: Liberty recovers an MDB's transaction branch through the adapter's
 * {@code getXAResources(ActivationSpec[])}, which the Artemis adapter answers with nothing; a branch left
 * prepared by a crash would then stay in doubt forever. A receive through the outbound factory is logged and
 * recovered like any other resource. See the README's "Known issues".
 */
@Stateless
public class XaTransferProcessor {

    @Resource(lookup = LedgerResources.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = LedgerResources.XA_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = LedgerResources.XA_QUEUE)
    Queue queue;

    @Inject
    TransferLog log;

    @Inject
    TransferMetrics metrics;

    @Inject
    LedgerSettings settings;

    private LockingTransferApplier applier;

    @PostConstruct
    void create() {
        applier = new LockingTransferApplier(Clock.systemUTC(), settings.appliedBy(Coordinator.LIBERTY_TM));
    }

    /**
     * Receives at most one message and applies its transfer.
     *
     * @return false if no message arrived within the wait (the empty transaction then just ends)
     * @throws DeliveryFailedException if applying failed; everything is rolled back and the message returns
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean applyNext(long waitMillis) {
        try (JMSContext context = connectionFactory.createContext();
             JMSConsumer consumer = context.createConsumer(queue)) {
            Message message = consumer.receive(waitMillis);
            if (message == null) {
                return false;
            }
            apply(message);
            return true;
        }
    }

    private void apply(Message message) {
        try {
            metrics.delivered(TransferMode.XA, TransferMessages.deliveryCount(message));
            // Read before the connection is taken: a message that names no transfer fails without database
            // work (why it is not moved to the dead-letter queue at once: MalformedTransferMessageException).
            UUID transferId = TransferMessages.transferId(message);
            try (Connection c = dataSource.getConnection()) {
                ApplyOutcome outcome = applier.apply(c, transferId);
                if (!(outcome instanceof ApplyOutcome.AlreadyFinal)) {
                    log.afterCommit(outcome.transfer());
                }
            }
        } catch (SQLException | JMSException | RuntimeException e) {
            throw DeliveryFailedException.of(message, e);
        }
    }
}
