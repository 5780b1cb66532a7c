package dev.ledgerline.web.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.submit.RequestCheck;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.query.LedgerQueries;
import dev.ledgerline.server.submit.TransferSubmissions;
import dev.ledgerline.web.security.Caller;
import dev.ledgerline.web.security.Roles;

/**
 * Submitting a transfer answers 202 Accepted with its location: the money moves later, when a consumer
 * applies it. Repeating a request with the same idempotency key answers 200 with the same transfer. The
 * request's {@code mode} ({@code xa} or {@code idempotent}, default {@code ledgerline.transfer.default-mode})
 * chooses the design that carries it; the unsafe demonstration modes ({@code at-most-once},
 * {@code at-least-once-naive}) are refused with 422 unless the server enables them, and with 403 to anyone
 * but an admin when it does.
 *
 * <p>Who may do what: anyone logged in may read, a customer only the transfers that touch an account they
 * hold (another's is "not found", as for accounts); customers, operators and admins may submit, a customer
 * only from an account they hold (403 naming {@code fromAccount} otherwise; any account may be credited).
 */
@Path("/transfers")
@RequestScoped
@RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class TransfersResource {

    private static final Logger LOG = Logger.getLogger(TransfersResource.class.getName());
    private static final int MAX_LIST = 500;

    @EJB
    TransferSubmissions submissions;

    @Inject
    LedgerSettings settings;

    @EJB
    LedgerQueries ledger;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR, Roles.ADMIN})
    @Consumes(MediaType.WILDCARD)
    public Response submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        if (contentType != null && !MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return refused(Problem.field(Response.Status.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Content-Type", "must be application/json, not " + contentType));
        }
        TransferRequestBody read;
        try {
            read = TransferRequestReader.read(body);
        } catch (InvalidRequestBodyException e) {
            return refused(Problem.field(e.status(), "Invalid transfer request", e.field(), e.getMessage()));
        }
        TransferMode mode = read.mode() == null ? settings.defaultMode() : TransferMode.fromWireName(read.mode()).orElse(null);
        if (mode == null) {
            return refused(Problem.field(Response.Status.BAD_REQUEST, "Invalid transfer request", "mode",
                    "unknown mode '" + read.mode() + "'; use xa or idempotent"));
        }
        if (mode.isUnsafe() && settings.unsafeModesEnabled() && !caller.is(Roles.ADMIN)) {
            return refused(Problem.field(Response.Status.FORBIDDEN, "Transfer refused", "mode",
                    "'" + read.mode() + "' is an unsafe demonstration mode; only an admin may use it"));
        }
        String from = read.fromAccount();
        if (!caller.debitsAnyAccount() && from != null && !ledger.holds(caller.name(), from)) {
            return refused(Problem.field(Response.Status.FORBIDDEN, "Transfer refused", "fromAccount",
                    "is not an account of yours; you may debit only accounts you hold"));
        }
        return submissions.submit(mode, read.toRequest()).answer(
                created -> transfer(created.transfer(), Response.Status.ACCEPTED),
                replayed -> transfer(replayed.transfer(), Response.Status.OK),
                refusal -> refused(Problem.of(statusOf(refusal.problem()), "Transfer refused",
                        refusal.problem().errors())));
    }

    /** The transfer and where to find it: 202 when this request created it, 200 when it repeated one. */
    private Response transfer(Transfer transfer, Response.Status status) {
        URI location = uri.getBaseUriBuilder().path(TransfersResource.class).path(transfer.id().toString()).build();
        return Response.status(status).location(location).entity(Views.TransferView.of(transfer)).build();
    }

    /** 400 for a request that is not of the form, 422 for one that names what the ledger cannot use. */
    private static Response.StatusType statusOf(RequestCheck.Invalid problem) {
        return problem.kind() == RequestCheck.Invalid.Kind.MALFORMED
                ? Response.Status.BAD_REQUEST : Problem.UNPROCESSABLE_CONTENT;
    }

    /** A client's mistake: answered with the problem and logged once, at INFO, without a stack trace. */
    private static Response refused(Response problem) {
        LOG.info("transfer request refused (" + problem.getStatus() + "): " + problem.getEntity());
        return problem;
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        UUID transferId;
        try {
            transferId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Problem.field(Response.Status.BAD_REQUEST, "Invalid transfer id", "id", "is not a UUID: " + id);
        }
        return ledger.transfer(transferId)
                .filter(this::visible)
                .map(t -> Response.ok(Views.TransferView.of(t)).build())
                .orElseGet(() -> Problem.field(Response.Status.NOT_FOUND, "Transfer not found", "id", "no transfer " + id));
    }

    @GET
    public List<Views.TransferView> recent(@QueryParam("limit") @DefaultValue("50") int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_LIST));
        var transfers = caller.seesEverything() ? ledger.recentTransfers(bounded)
                : ledger.recentTransfersOf(caller.name(), bounded);
        return transfers.stream().map(Views.TransferView::of).toList();
    }

    private boolean visible(Transfer t) {
        return caller.seesEverything()
                || ledger.holds(caller.name(), t.fromAccount()) || ledger.holds(caller.name(), t.toAccount());
    }
}
