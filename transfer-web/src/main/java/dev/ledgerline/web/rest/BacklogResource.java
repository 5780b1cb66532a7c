package dev.ledgerline.web.rest;

import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.ledgerline.server.query.Backlog;
import dev.ledgerline.web.security.Roles;

/**
 * What waits now: unpublished outbox rows (from the database) and dead letters not yet taken (a browser's
 * count on each dead-letter queue). See {@link Backlog} for what each number measures.
 */
@Path("/backlog")
@RequestScoped
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class BacklogResource {

    @EJB
    Backlog backlog;

    public record BacklogView(long outboxUnpublished, Map<String, Long> deadLetters) {
    }

    @GET
    public BacklogView get() {
        return new BacklogView(backlog.outboxBacklog(), backlog.deadLetterDepths());
    }
}
