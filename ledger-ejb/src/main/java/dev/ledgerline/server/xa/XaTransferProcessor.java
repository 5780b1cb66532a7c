package dev.ledgerline.server.xa;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
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
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import dev.ledgerline.ledger.apply.ApplyOutcome;
import dev.ledgerline.ledger.apply.BatchMemberFailedException;
import dev.ledgerline.ledger.apply.LockingTransferApplier;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.messaging.DeliveryBatch;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.server.config.LedgerResources;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.messaging.DeliveryFailedException;
import dev.ledgerline.server.messaging.ReceivedBatch;
import dev.ledgerline.server.observe.TransferLog;
import dev.ledgerline.server.observe.TransferMetrics;

/**
 * The XA consumer: receives a batch of messages from {@code transfers.xa} and applies their transfers, in one
 * container-managed transaction. The receive goes through the resource adapter's outbound (XA) connection
 * factory, so the broker's branch (the acknowledgement) and the database's branch (debits, credits, entries,
 * statuses) are prepared and committed together by Liberty's transaction manager.
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
     * Receives a batch of messages ({@link DeliveryBatch}: up to {@code ledgerline.xa.batch-size}, first
     * deliveries together, a redelivery alone or last) and applies their transfers.
     *
     * @return false if no message arrived within the wait (the empty transaction then just ends)
     * @throws DeliveryFailedException if applying a member failed, naming that member; everything is rolled back
     *                                 and every member of the batch returns
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean applyNext(long waitMillis) {
        try (JMSContext context = connectionFactory.createContext();
             JMSConsumer consumer = context.createConsumer(queue)) {
            List<Message> batch = DeliveryBatch.receive(DeliveryBatch.of(consumer), waitMillis, settings.xaBatchSize());
            if (batch.isEmpty()) {
                return false;
            }
            apply(batch);
            return true;
        } catch (JMSException e) {
            throw new JMSRuntimeException("could not read a received message's delivery count: " + e, null, e);
        }
    }

    private void apply(List<Message> messages) {
        // Read before the connection is taken: a message that names no transfer fails without database work
        // (why it is not moved to the dead-letter queue at once: MalformedTransferMessageException).
        ReceivedBatch<UUID> batch = ReceivedBatch.read(messages, TransferMode.XA, metrics, TransferMessages::transferId);
        try (Connection c = dataSource.getConnection()) {
            for (ApplyOutcome outcome : applier.applyAll(c, batch.items())) {
                if (!(outcome instanceof ApplyOutcome.AlreadyFinal)) {
                    log.afterCommit(outcome.transfer());
                }
            }
        } catch (BatchMemberFailedException e) {
            throw batch.failed(e.transferId()::equals, e.getCause());
        } catch (SQLException | RuntimeException e) {
            // The connection itself failed (taken or closed).
            throw batch.failedWhole(e);
        }
    }
}
