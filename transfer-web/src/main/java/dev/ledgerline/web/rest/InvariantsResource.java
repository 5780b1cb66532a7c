package dev.ledgerline.web.rest;

import java.time.Duration;

import jakarta.ejb.EJB;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.ledgerline.ledger.check.InvariantReport;
import dev.ledgerline.server.query.LedgerQueries;
import dev.ledgerline.web.security.Roles;

/**
 * The ledger's invariants evaluated now, from the database. {@code settleSeconds} is how long a transfer
 * may stay QUEUED before it counts as lost.
 */
@Path("/invariants")
@Tag(name = "Operations")
@RequestScoped
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class InvariantsResource {

    @EJB
    LedgerQueries ledger;

    /** A day: far beyond any redelivery window, and small enough that "now minus it" cannot overflow. */
    static final long MAX_SETTLE_SECONDS = 86_400;

    @GET
    @Operation(operationId = "checkInvariants", summary = "Check the ledger's invariants",
            description = "Every invariant of the ledger, evaluated now from the database, each with whether it "
                    + "holds, its number of violations and a detail.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OperationViews.InvariantReportView.class)))
    @APIResponse(responseCode = "400", description = "settleSeconds out of range (field settleSeconds), or a "
            + "malformed Content-Type or Accept header", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "403", ref = LedgerApi.ROLE_FORBIDDEN)
    @APIResponse(responseCode = "404", description = "settleSeconds is not an integer (Jakarta REST answers a query "
            + "parameter it cannot convert with 404)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "401", ref = LedgerApi.UNAUTHORIZED)
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    public Response check(@Parameter(description = "How long a transfer may stay QUEUED before it counts as lost",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "86400",
                    defaultValue = "60"))
            @QueryParam("settleSeconds") @DefaultValue("60") long settleSeconds) {
        if (settleSeconds < 0 || settleSeconds > MAX_SETTLE_SECONDS) {
            return Problem.field(Response.Status.BAD_REQUEST, "Invalid settle time", "settleSeconds",
                    "must be between 0 and " + MAX_SETTLE_SECONDS);
        }
        InvariantReport report = ledger.invariants(Duration.ofSeconds(settleSeconds));
        return Response.ok(OperationViews.InvariantReportView.of(report)).build();
    }
}
