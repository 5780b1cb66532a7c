package dev.ledgerline.web.rest;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.ledgerline.server.query.LedgerQueries;

/** Accounts with their balances; one account with its ledger entries, newest first. */
@Path("/accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {

    /** How many entries an account's page shows. */
    private static final int ENTRY_LIMIT = 100;

    @EJB
    LedgerQueries ledger;

    @GET
    public List<Views.AccountView> list() {
        return ledger.accounts().stream().map(Views.AccountView::of).toList();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return ledger.account(id)
                .map(a -> Response.ok(Views.AccountDetailView.of(a, ledger.entries(id, ENTRY_LIMIT))).build())
                .orElseGet(() -> Problem.field(Response.Status.NOT_FOUND, "Account not found", "id",
                        "no account " + id));
    }
}
