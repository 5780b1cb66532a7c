package dev.ledgerline.web.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.ledgerline.server.observe.TransferMetrics;
import dev.ledgerline.web.security.Roles;

/**
 * The application's metrics per mode since the server started, as JSON: the same meters Liberty publishes at
 * {@code /metrics?scope=application}, for clients (the web UI, the tests) that would rather not parse the
 * Prometheus text format.
 */
@Path("/statistics")
@RequestScoped
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

    @Inject
    TransferMetrics metrics;

    public record Statistics(Map<String, TransferMetrics.ModeStatistics> modes) {
    }

    @GET
    public Statistics get() {
        return new Statistics(metrics.snapshot());
    }
}
