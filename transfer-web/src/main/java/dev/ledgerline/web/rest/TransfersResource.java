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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
@Tag(name = "Transfers", description = "Submitting transfers and following them; a customer sees only the "
        + "transfers that touch an account they hold.")
@RequestScoped
@RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class TransfersResource {

    private static final Logger LOG = Logger.getLogger(TransfersResource.class.getName());
    private static final int MAX_LIST = 500;
    /** A backup broker takes over about a second after its primary dies (BrokerPairCrashIT measures it). */
    private static final int RETRY_AFTER_SECONDS = 2;

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
    @Operation(operationId = "submitTransfer", summary = "Submit a transfer",
            description = "Queues a transfer and answers at once: the money moves when a consumer applies it (follow "
                    + "the Location). The same idempotencyKey again answers the same transfer; the body is at most "
                    + "16 KiB of JSON, one flat object.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransferRequestBody.class)))
    @APIResponse(responseCode = "202", description = "Accepted: the new transfer, QUEUED", headers = @Header(name = "Location", description = "The transfer's URL, /api/transfers/{id}", schema = @Schema(type = SchemaType.STRING, format = "uri")), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.TransferView.class)))
    @APIResponse(responseCode = "200", description = "This idempotencyKey was used before with the same details: "
            + "that transfer, as it is now", headers = @Header(name = "Location", description = "The transfer's URL, /api/transfers/{id}", schema = @Schema(type = SchemaType.STRING, format = "uri")), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.TransferView.class)))
    @APIResponse(responseCode = "400", description = "Malformed: a field missing or malformed (amount not a positive "
            + "decimal with the currency's decimals, an unknown currency code or mode, the same account twice), a body "
            + "that is not one flat JSON object, or a malformed header; field names the first at fault", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "403", description = "The caller may not: an auditor; a customer debiting an account "
            + "not theirs (field fromAccount); an unsafe mode for anyone but an admin (field mode); or a request "
            + "that another site could have made (a cookie login without X-CSRF-Token, another Origin)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than 16 KiB", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "415", description = "The Content-Type is not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "422", description = "Well formed, but not for this ledger: an unknown account, a "
            + "currency that is not the accounts', an idempotencyKey used before with other details, an unsafe "
            + "mode this server does not enable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "401", ref = LedgerApi.UNAUTHORIZED)
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    @APIResponse(responseCode = "503", description = "The message broker did not take an XA transfer's message "
            + "(it is down, or failing over to its backup); nothing was recorded: send the same request again "
            + "after Retry-After seconds", headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before sending the request again", schema = @Schema(type = SchemaType.INTEGER)), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    public Response submit(@Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           InputStream body) {
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
                        refusal.problem().errors())),
                unavailable -> brokerUnavailable(unavailable.reason()));
    }

    /**
     * The broker did not take the message, twice, and nothing was written: a 503 the client may act on by
     * sending the same request again (the idempotency key makes that safe however often it is done). Logged
     * once, as a warning without a stack trace: the broker's own log says why it is down.
     */
    private static Response brokerUnavailable(String reason) {
        LOG.warning("transfer request not taken (503): " + reason);
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "Broker unavailable",
                        "the message broker did not take the transfer, and nothing was recorded; send the same "
                                + "request again, with the same idempotencyKey, in a few seconds"))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
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
    @Operation(operationId = "getTransfer", summary = "Get a transfer",
            description = "A transfer and its status: QUEUED, then COMPLETED, REJECTED or FAILED.")
    @APIResponse(responseCode = "200", description = "The transfer", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.TransferView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID (field id), or a malformed header", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "404", description = "No such transfer, or (to a customer) none that touches an "
            + "account of theirs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "401", ref = LedgerApi.UNAUTHORIZED)
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    public Response get(@Parameter(description = "The transfer's id", schema = @Schema(type = SchemaType.STRING,
            format = "uuid")) @PathParam("id") String id) {
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
    @Operation(operationId = "listTransfers", summary = "List the newest transfers",
            description = "The newest transfers the caller may see, newest first.")
    @APIResponse(responseCode = "200", description = "The transfers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Views.TransferView.class)))
    @APIResponse(responseCode = "400", ref = LedgerApi.BAD_HEADER)
    @APIResponse(responseCode = "404", description = "limit is not an integer (Jakarta REST answers a query parameter "
            + "it cannot convert with 404)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "401", ref = LedgerApi.UNAUTHORIZED)
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    public List<Views.TransferView> recent(@Parameter(description = "How many; below 1 counts as 1, above 500 as 500",
            schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") int limit) {
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
