package dev.ledgerline.web.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ledgerline.server.observe.TransferMetrics;
import dev.ledgerline.web.security.Roles;

/**
 * The application's metrics per mode since the server started, as JSON: the same meters Liberty publishes at
 * {@code /metrics?scope=application}, for clients (the web UI, the tests) that would rather not parse the
 * Prometheus text format.
 */
@Path("/statistics")
@Tag(name = "Operations")
@RequestScoped
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

    @Inject
    TransferMetrics metrics;

    @Schema(name = "Statistics", description = "The application's meters per mode since the server started.")
    public record Statistics(
            @Schema(required = true, description = "By mode (xa, idempotent, ...).")
            Map<String, OperationViews.ModeStatisticsView> modes) {
    }

    @GET
    @Operation(operationId = "getStatistics", summary = "Get the statistics per mode",
            description = "Per mode, since the server started: the same meters as /metrics?scope=application, as JSON.")
    @APIResponse(responseCode = "200", description = "The statistics",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Statistics.class)))
    @APIResponse(responseCode = "400", ref = LedgerApi.BAD_HEADER)
    @APIResponse(responseCode = "403", ref = LedgerApi.ROLE_FORBIDDEN)
    @APIResponse(responseCode = "401", ref = LedgerApi.UNAUTHORIZED)
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    public Statistics get() {
        Map<String, OperationViews.ModeStatisticsView> modes = new LinkedHashMap<>();
        metrics.snapshot().forEach((mode, statistics) -> modes.put(mode, OperationViews.ModeStatisticsView.of(statistics)));
        return new Statistics(modes);
    }
}
