package dev.ledgerline.web.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ledgerline.server.query.LedgerQueries;
import dev.ledgerline.web.security.Roles;

/**
 * The dead letters the dead-letter consumers took, the newest first, each with why it could not be applied:
 * a transfer it ended FAILED, or a message no transfer could be made of. {@code limit} (default 50) is read
 * here rather than by the framework, which would answer a non-number with 404. Not for customers: a dead
 * letter may name any account.
 */
@Path("/dead-letters")
@Tag(name = "Operations", description = "What an operator or auditor watches: invariants, backlog, statistics, reports.")
@RequestScoped
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    static final int DEFAULT_LIMIT = 50;
    /** As many as the transfer list shows at most. */
    static final int MAX_LIMIT = 500;

    @EJB
    LedgerQueries ledger;

    @GET
    @Operation(operationId = "listDeadLetters", summary = "List the dead letters",
            description = "Every message taken from a dead-letter queue, the newest first, with why it could not "
                    + "be applied.")
    @APIResponse(responseCode = "200", description = "The dead letters",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Views.DeadLetterView.class)))
    @APIResponse(responseCode = "400", description = "limit is not a whole number from 1 to 500 (field limit), or a "
            + "malformed Content-Type or Accept header", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "403", ref = LedgerApi.ROLE_FORBIDDEN)
    @APIResponse(responseCode = "401", ref = LedgerApi.UNAUTHORIZED)
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    public Response recent(@Parameter(description = "How many, from 1 to 500 (default 50)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
            @QueryParam("limit") String limit) {
        int count;
        try {
            count = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count < 1 || count > MAX_LIMIT) {
            return Problem.field(Response.Status.BAD_REQUEST, "Invalid limit", "limit",
                    "must be a whole number between 1 and " + MAX_LIMIT);
        }
        return Response.ok(ledger.recentDeadLetters(count).stream().map(Views.DeadLetterView::of).toList()).build();
    }
}
