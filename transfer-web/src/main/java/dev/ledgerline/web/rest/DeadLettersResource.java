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

import dev.ledgerline.server.query.LedgerQueries;
import dev.ledgerline.web.security.Roles;

/**
 * The dead letters the dead-letter consumers took, the newest first, each with why it could not be applied:
 * a transfer it ended FAILED, or a message no transfer could be made of. {@code limit} (default 50) is read
 * here rather than by the framework, which would answer a non-number with 404. Not for customers: a dead
 * letter may name any account.
 */
@Path("/dead-letters")
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
    public Response recent(@QueryParam("limit") String limit) {
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
