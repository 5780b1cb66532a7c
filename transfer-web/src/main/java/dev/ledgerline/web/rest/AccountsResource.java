package dev.ledgerline.web.rest;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.ledgerline.server.query.LedgerQueries;
import dev.ledgerline.web.security.Caller;
import dev.ledgerline.web.security.Roles;

/**
 * Accounts with their balances; one account with its ledger entries, newest first. A customer sees only the
 * accounts they hold: another's account is "not found" to them, as if it did not exist, so that the API does
 * not tell a customer which account numbers are in use.
 */
@Path("/accounts")
@RequestScoped
@RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {

    /** How many entries an account's page shows. */
    private static final int ENTRY_LIMIT = 100;

    @EJB
    LedgerQueries ledger;

    @Inject
    Caller caller;

    @GET
    public List<Views.AccountView> list() {
        var accounts = caller.seesEverything() ? ledger.accounts() : ledger.accountsHeldBy(caller.name());
        return accounts.stream().map(Views.AccountView::of).toList();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return ledger.account(id)
                .filter(a -> caller.seesEverything() || ledger.holds(caller.name(), a.id()))
                .map(a -> Response.ok(Views.AccountDetailView.of(a, ledger.entries(id, ENTRY_LIMIT))).build())
                .orElseGet(() -> Problem.field(Response.Status.NOT_FOUND, "Account not found", "id",
                        "no account " + id));
    }
}
