package dev.ledgerline.worker.consume;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

import javax.sql.XADataSource;
import javax.transaction.xa.XAResource;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XASession;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.messaging.QueuePoller;
import dev.ledgerline.ledger.observe.AfterCommitLog;
import dev.ledgerline.worker.narayana.CrashPointXAResource;
import dev.ledgerline.worker.narayana.NamedXAResource;
import dev.ledgerline.worker.narayana.ResourceManager;

/**
 * One consumer thread's XA work: each call takes at most one message from a queue and handles it in one
 * Narayana transaction spanning the broker (the acknowledgement) and the database (the ledger work).
 *
 * <p>The order inside a transaction matters. The broker's resource is enlisted before {@code receive}, or the
 * message would be consumed outside the transaction. The database's is enlisted only when a message came, so an
 * empty poll is a one-resource rollback. Narayana prepares and commits in enlistment order: broker, then
 * database.
 *
 * <p>The connections stay open across transactions, one XA connection to each resource manager per thread; an
 * H2 XA connection in particular must keep the one JDBC handle it gave out, since asking it for a second one
 * closes the first, and work on the new handle silently runs outside the branch. When the broker or the
 * database fails, everything is closed and the call throws: {@link QueuePoller} backs off and the next call
 * connects again, so a broker restart costs a few seconds, not the worker.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class XaQueueConsumer implements BooleanSupplier, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(XaQueueConsumer.class.getName());

    private final String name;
    private final TransactionManager transactions;
    private final XAConnectionFactory broker;
    private final String queue;
    private final XADataSource database;
    private final MessageHandler handler;
    private final boolean crashPoints;
    private final long waitMillis;

    private XAConnection brokerConnection;
    private XASession session;
    private MessageConsumer consumer;
    private javax.sql.XAConnection databaseConnection;
    private Connection connection;

    /**
     * @param crashPoints whether this consumer's transactions pass the XA crash points (the transfer consumer's
     *                    only, so that a drill halts where the matrix says)
     */
    public XaQueueConsumer(String name, TransactionManager transactions, XAConnectionFactory broker, String queue,
                           XADataSource database, MessageHandler handler, boolean crashPoints, long waitMillis) {
        this.name = name;
        this.transactions = transactions;
        this.broker = broker;
        this.queue = queue;
        this.database = database;
        this.handler = handler;
        this.crashPoints = crashPoints;
        this.waitMillis = waitMillis;
    }

    public String name() {
        return name;
    }

    /** @return false if no message came within the wait */
    @Override
    public boolean getAsBoolean() {
        try {
            return takeOne();
        } catch (JMSException | SQLException | SystemException | RuntimeException e) {
            rollbackIfActive();
            close();
            throw new IllegalStateException(name + " lost its connection to " + queue + " or the database: " + e, e);
        }
    }

    private boolean takeOne() throws JMSException, SQLException, SystemException {
        openBroker();
        openDatabase();
        CrashPointXAResource.Progress progress = new CrashPointXAResource.Progress(2);
        try {
            transactions.begin();
        } catch (jakarta.transaction.NotSupportedException e) {
            throw new IllegalStateException(name + " found a transaction already on its thread", e);
        }
        Transaction tx = transactions.getTransaction();
        enlist(tx, session.getXAResource(), ResourceManager.BROKER, progress);
        Message message = consumer.receive(waitMillis);
        if (message == null) {
            transactions.rollback();
            return false;
        }
        enlist(tx, databaseConnection.getXAResource(), ResourceManager.DATABASE, progress);
        Optional<Transfer> changed;
        try {
            changed = handler.handle(connection, message);
        } catch (JMSException | SQLException | RuntimeException e) {
            transactions.rollback();
            handler.failed(message, e);
            // A failed statement may have left the connection unusable; a fresh one costs little.
            closeDatabase();
            return true;
        }
        if (changed.isPresent()) {
            // The worker counts nothing: the line is all there is to do once the change has committed.
            register(tx, new AfterCommitLog(changed.get(), transfer -> { }));
        }
        commit();
        return true;
    }

    private void commit() throws SystemException {
        try {
            transactions.commit();
        } catch (RollbackException e) {
            // A resource refused to prepare (or the transaction timed out): both branches rolled back and the
            // broker delivers the message again. The connections may be what failed: open them anew.
            LOG.warning(name + ": the transaction rolled back instead of committing; the message returns: " + e.getMessage());
            close();
        } catch (HeuristicMixedException | HeuristicRollbackException e) {
            // A resource decided on its own. Narayana keeps the transaction in its log; an operator must look.
            LOG.severe(name + ": heuristic outcome, see Narayana's log for the transaction: " + e);
        }
    }

    private void enlist(Transaction tx, XAResource resource, ResourceManager resourceManager,
                        CrashPointXAResource.Progress progress) throws SystemException {
        XAResource named = crashPoints
                ? new CrashPointXAResource(resource, resourceManager, progress)
                : new NamedXAResource(resource, resourceManager);
        try {
            if (!tx.enlistResource(named)) {
                throw new IllegalStateException(name + " could not enlist " + resourceManager.jndiName());
            }
        } catch (RollbackException e) {
            throw new IllegalStateException(name + ": transaction marked for rollback before " + resourceManager.jndiName()
                    + " was enlisted", e);
        }
    }

    private static void register(Transaction tx, AfterCommitLog line) throws SystemException {
        try {
            tx.registerSynchronization(line);
        } catch (RollbackException e) {
            throw new IllegalStateException("transaction marked for rollback before commit", e);
        }
    }

    private void openBroker() throws JMSException {
        if (brokerConnection != null) {
            return;
        }
        brokerConnection = broker.createXAConnection();
        session = brokerConnection.createXASession();
        consumer = session.createConsumer(session.createQueue(queue));
        brokerConnection.start();
    }

    private void openDatabase() throws SQLException {
        if (databaseConnection != null) {
            return;
        }
        databaseConnection = database.getXAConnection();
        connection = databaseConnection.getConnection();
    }

    private void rollbackIfActive() {
        try {
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactions.rollback();
            }
        } catch (SystemException | IllegalStateException e) {
            LOG.fine(name + ": rollback after a failure: " + e);
        }
    }

    /** Closes both connections; the next call opens them again. */
    @Override
    public void close() {
        closeDatabase();
        if (brokerConnection != null) {
            try {
                brokerConnection.close();
            } catch (JMSException e) {
                LOG.fine(name + ": closing the broker connection: " + e);
            }
            brokerConnection = null;
            session = null;
            consumer = null;
        }
    }

    private void closeDatabase() {
        if (databaseConnection != null) {
            try {
                databaseConnection.close();
            } catch (SQLException e) {
                LOG.fine(name + ": closing the database connection: " + e);
            }
            databaseConnection = null;
            connection = null;
        }
    }
}
