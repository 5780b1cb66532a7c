package dev.ledgerline.web.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
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
import dev.ledgerline.ledger.submit.TransferRequest;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.server.idempotent.IdempotentTransferSubmission;
import dev.ledgerline.server.query.LedgerQueries;
import dev.ledgerline.server.submit.ConcurrentSubmissionException;
import dev.ledgerline.server.submit.Submission;
import dev.ledgerline.server.submit.TransferRefusedException;
import dev.ledgerline.server.unsafe.UnsafeTransferSubmission;
import dev.ledgerline.server.xa.XaTransferSubmission;

/**
 * Submitting a transfer answers 202 Accepted with its location: the money moves later, when a consumer
 * applies it. Repeating a request with the same idempotency key answers 200 with the same transfer. The
 * request's {@code mode} ({@code xa} or {@code idempotent}, default {@code ledgerline.transfer.default-mode})
 * chooses the design that carries it; the unsafe demonstration modes ({@code at-most-once},
 * {@code at-least-once-naive}) are refused with 422 unless the server enables them.
 */
@Path("/transfers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TransfersResource {

    private static final Logger LOG = Logger.getLogger(TransfersResource.class.getName());
    private static final int MAX_LIST = 500;

    @EJB
    XaTransferSubmission xa;

    @EJB
    IdempotentTransferSubmission idempotent;

    @EJB
    UnsafeTransferSubmission unsafe;

    @Inject
    LedgerSettings settings;

    @EJB
    LedgerQueries ledger;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        if (contentType != null && !MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return refused(Problem.field(Response.Status.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Content-Type", "must be application/json, not " + contentType));
        }
        TransferRequestReader.Read read;
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
        try {
            Submission submission = submitOnce(mode, read.request());
            URI location = uri.getBaseUriBuilder().path(TransfersResource.class).path(submission.transfer().id().toString()).build();
            return Response.status(submission.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                    .location(location)
                    .entity(Views.TransferView.of(submission.transfer()))
                    .build();
        } catch (TransferRefusedException e) {
            RequestCheck.Invalid problem = e.problem();
            Response.StatusType status = problem.kind() == RequestCheck.Invalid.Kind.MALFORMED
                    ? Response.Status.BAD_REQUEST : Problem.UNPROCESSABLE_CONTENT;
            return refused(Problem.of(status, "Transfer refused", problem.errors()));
        }
    }

    private Submission submitOnce(TransferMode mode, TransferRequest request) {
        try {
            return submit(mode, request);
        } catch (ConcurrentSubmissionException raced) {
            // The other request with this key has committed its transfer: answering with it is the replay.
            return submit(mode, request);
        }
    }

    private Submission submit(TransferMode mode, TransferRequest request) {
        return switch (mode) {
            case XA -> xa.submit(request);
            case IDEMPOTENT -> idempotent.submit(request);
            // Refused (422, field "mode") unless the server enables them.
            case AT_MOST_ONCE, AT_LEAST_ONCE_NAIVE -> unsafe.submit(request, mode);
        };
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
                .map(t -> Response.ok(Views.TransferView.of(t)).build())
                .orElseGet(() -> Problem.field(Response.Status.NOT_FOUND, "Transfer not found", "id", "no transfer " + id));
    }

    @GET
    public List<Views.TransferView> recent(@QueryParam("limit") @DefaultValue("50") int limit) {
        return ledger.recentTransfers(Math.max(1, Math.min(limit, MAX_LIST))).stream().map(Views.TransferView::of).toList();
    }
}
