package dev.ledgerline.web.rest;

import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ledgerline.server.query.Backlog;
import dev.ledgerline.web.security.Roles;

/**
 * What waits now: unpublished outbox rows (from the database) and dead letters not yet taken (a browser's
 * count on each dead-letter queue). See {@link Backlog} for what each number measures.
 */
@Path("/backlog")
@Tag(name = "Operations", description = "What an operator or auditor watches: invariants, backlog, statistics, reports.")
@RequestScoped
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class BacklogResource {

    @EJB
    Backlog backlog;

    @Schema(name = "Backlog", description = "What waits now.")
    public record BacklogView(
            @Schema(required = true, description = "Outbox rows not yet published to the broker.")
            long outboxUnpublished,
            @Schema(required = true, description = "Messages a queue browser sees on each dead-letter queue, by queue.")
            Map<String, Long> deadLetters) {
    }

    @GET
    @Operation(operationId = "getBacklog", summary = "Get the backlog",
            description = "Unpublished outbox rows and the depth of each dead-letter queue, counted now.")
    @APIResponse(responseCode = "200", description = "The backlog",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BacklogView.class)))
    @APIResponse(responseCode = "400", ref = LedgerApi.BAD_HEADER)
    @APIResponse(responseCode = "403", ref = LedgerApi.ROLE_FORBIDDEN)
    @APIResponse(responseCode = "401", ref = LedgerApi.UNAUTHORIZED)
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    public BacklogView get() {
        return new BacklogView(backlog.outboxBacklog(), backlog.deadLetterDepths());
    }
}
