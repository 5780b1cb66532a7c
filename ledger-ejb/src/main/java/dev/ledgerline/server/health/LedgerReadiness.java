package dev.ledgerline.server.health;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.server.config.LedgerResources;

/**
 * Ready to take transfers ({@code GET /health/ready}): the database answers and the broker accepts a
 * connection. Either missing, a submission would fail, so a load balancer should send requests elsewhere.
 */
@Readiness
@ApplicationScoped
public class LedgerReadiness implements HealthCheck {

    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    @Resource(lookup = LedgerResources.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = LedgerResources.XA_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Override
    public HealthCheckResponse call() {
        String database = database();
        String broker = broker();
        return HealthCheckResponse.named("ledger")
                .status(database == null && broker == null)
                .withData("database", database == null ? "reachable" : database)
                .withData("broker", broker == null ? "reachable" : broker)
                .build();
    }

    /** @return null when reachable, else why not */
    private String database() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(DATABASE_TIMEOUT_SECONDS) ? null : "connection not valid";
        } catch (SQLException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    /** @return null when reachable, else why not */
    private String broker() {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createQueue(TransferQueue.IDEMPOTENT.address());
            return null;
        } catch (JMSRuntimeException e) {
            return "unreachable: " + e.getMessage();
        }
    }
}
