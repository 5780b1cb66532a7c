package dev.ledgerline.worker.narayana;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAResource;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;

/**
 * Gives Narayana's recovery scan the ledger database, under the database's {@link ResourceManager} name. It
 * keeps one XA connection for recovery alone (never one a consumer uses) and opens a new one when the old
 * one stops answering, so a database restart costs one failed scan.
 */
public final class DatabaseRecoveryHelper implements XAResourceRecoveryHelper, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DatabaseRecoveryHelper.class.getName());
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final XADataSource dataSource;
    private XAConnection connection;
    /** One wrapper per connection: recovery keeps its scan results per resource object. */
    private NamedXAResource named;
    private boolean unreachable;

    public DatabaseRecoveryHelper(XADataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean initialise(String properties) {
        return true;
    }

    /** The database's resource, or none while the database cannot be reached: the next scan tries again. */
    @Override
    public synchronized XAResource[] getXAResources() {
        try {
            if (connection == null || !answers(connection)) {
                close();
                connection = dataSource.getXAConnection();
                named = new NamedXAResource(connection.getXAResource(), ResourceManager.DATABASE);
            }
            if (unreachable) {
                LOG.info("recovery reaches the ledger database again");
                unreachable = false;
            }
            return new XAResource[] {named};
        } catch (SQLException e) {
            if (!unreachable) {
                LOG.warning("recovery cannot reach the ledger database, will retry at the next scan: " + e.getMessage());
                unreachable = true;
            }
            close();
            return new XAResource[0];
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.fine("closing the recovery connection: " + e.getMessage());
            }
            connection = null;
            named = null;
        }
    }

    /**
     * The handle is closed at once: it only proves the physical connection answers. This connection never
     * takes part in a transaction branch, so taking a handle cannot close one in use.
     */
    private static boolean answers(XAConnection xa) {
        try (Connection c = xa.getConnection()) {
            return c.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
