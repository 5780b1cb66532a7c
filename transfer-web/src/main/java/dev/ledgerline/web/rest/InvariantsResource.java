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

import dev.ledgerline.ledger.check.InvariantReport;
import dev.ledgerline.server.query.LedgerQueries;
import dev.ledgerline.web.security.Roles;

/**
 * The ledger's invariants evaluated now, from the database. {@code settleSeconds} is how long a transfer
 * may stay QUEUED before it counts as lost.
 */
@Path("/invariants")
@RequestScoped
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class InvariantsResource {

    @EJB
    LedgerQueries ledger;

    /** A day: far beyond any redelivery window, and small enough that "now minus it" cannot overflow. */
    static final long MAX_SETTLE_SECONDS = 86_400;

    @GET
    public Response check(@QueryParam("settleSeconds") @DefaultValue("60") long settleSeconds) {
        if (settleSeconds < 0 || settleSeconds > MAX_SETTLE_SECONDS) {
            return Problem.field(Response.Status.BAD_REQUEST, "Invalid settle time", "settleSeconds",
                    "must be between 0 and " + MAX_SETTLE_SECONDS);
        }
        InvariantReport report = ledger.invariants(Duration.ofSeconds(settleSeconds));
        return Response.ok(report).build();
    }
}
