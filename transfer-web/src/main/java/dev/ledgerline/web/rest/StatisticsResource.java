package dev.ledgerline.web.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.ledgerline.ledger.idem.IdempotentProcessing;
import dev.ledgerline.ledger.service.ConsumerStatistics;

/** What the idempotent consumers have seen since the server started: duplicates skipped, conflicts retried. */
@Path("/statistics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

    @Inject
    IdempotentProcessing idempotent;

    @GET
    public ConsumerStatistics get() {
        return idempotent.statistics();
    }
}
