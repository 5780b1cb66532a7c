package dev.ledgerline.web.rest;

import java.time.Duration;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.ledgerline.ledger.check.InvariantReport;
import dev.ledgerline.server.query.LedgerQueries;

/**
 * The ledger's invariants evaluated now, from the database. {@code settleSeconds} is how long a transfer
 * may stay QUEUED before it counts as lost.
 */
@Path("/invariants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InvariantsResource {

    @EJB
    LedgerQueries ledger;

    @GET
    public InvariantReport check(@QueryParam("settleSeconds") @DefaultValue("60") long settleSeconds) {
        return ledger.invariants(Duration.ofSeconds(Math.max(0, settleSeconds)));
    }
}
