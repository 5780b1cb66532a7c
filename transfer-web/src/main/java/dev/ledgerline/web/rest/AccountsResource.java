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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.ledgerline.server.query.LedgerQueries;
import dev.ledgerline.web.security.Caller;
import dev.ledgerline.web.security.Roles;

/**
 * Accounts with their balances; one account with its ledger entries, newest first. A customer sees only the
 * accounts they hold: another's account is "not found" to them, as if it did not exist, so that the API does
 * not tell a customer which account numbers are in use.
 */
@Path("/accounts")
@Tag(name = "Accounts", description = "Accounts, balances and ledger entries; a customer sees only their own.")
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
    @Operation(operationId = "listAccounts", summary = "List the accounts",
            description = "Every account the caller may see, with its balance: all of them, or a customer's own.")
    @APIResponse(responseCode = "200", description = "The accounts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Views.AccountView.class)))
    @APIResponse(responseCode = "400", ref = LedgerApi.BAD_HEADER)
    @APIResponse(responseCode = "401", ref = LedgerApi.UNAUTHORIZED)
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    public List<Views.AccountView> list() {
        var accounts = caller.seesEverything() ? ledger.accounts() : ledger.accountsHeldBy(caller.name());
        return accounts.stream().map(Views.AccountView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getAccount", summary = "Get an account with its entries",
            description = "One account with its ledger entries, newest first (at most 100).")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Views.AccountDetailView.class)))
    @APIResponse(responseCode = "400", ref = LedgerApi.BAD_HEADER)
    @APIResponse(responseCode = "404", description = "No such account, or (to a customer) not one of theirs",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "401", ref = LedgerApi.UNAUTHORIZED)
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    public Response get(@Parameter(description = "The account's id", example = "ACC-001") @PathParam("id") String id) {
        return ledger.account(id)
                .filter(a -> caller.seesEverything() || ledger.holds(caller.name(), a.id()))
                .map(a -> Response.ok(Views.AccountDetailView.of(a, ledger.entries(id, ENTRY_LIMIT))).build())
                .orElseGet(() -> Problem.field(Response.Status.NOT_FOUND, "Account not found", "id",
                        "no account " + id));
    }
}
