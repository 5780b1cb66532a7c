package dev.ledgerline.web.rest;

import java.io.IOException;
import java.util.List;
import java.util.logging.Logger;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import dev.ledgerline.ledger.submit.FieldError;

/**
 * An {@code application/problem+json} answer (RFC 9457). Field errors go in {@code errors}, each naming its
 * field, and the first field is repeated in {@code field} for clients that show one message.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final Logger LOG = Logger.getLogger(Problem.class.getName());

    /** 422: well formed, but naming things the ledger cannot use. Jakarta REST 3.1 has no constant for it. */
    public static final Response.StatusType UNPROCESSABLE_CONTENT = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    private Problem() {
    }

    public static Response of(Response.StatusType status, String title, String detail) {
        return response(status, title, detail, List.of());
    }

    public static Response of(Response.StatusType status, String title, List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse(title);
        return response(status, title, detail, errors);
    }

    public static Response field(Response.StatusType status, String title, String field, String message) {
        return of(status, title, List.of(new FieldError(field, message)));
    }

    private static Response response(Response.StatusType status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE).entity(document(status.getStatusCode(), title, detail, errors))
                .build();
    }

    /**
     * A refusal that says only its status, for what the framework or the container refuses: their own
     * reasons name their internals (message codes, class names), which a client has no use for.
     */
    static String statusOnly(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error " + status : known.getReasonPhrase();
        String detail = switch (status) {
            case 401 -> "this needs a login: HTTP Basic credentials, or the web UI's login (POST /api/session)";
            case 403 -> "your role may not do this";
            default -> status >= 500 ? "the request failed unexpectedly; the server log has the details"
                    : "the server refused the request (" + status + " " + title + ")";
        };
        return document(status, title, detail, List.of());
    }

    /**
     * Refuses a request on a servlet response, for the filters that answer before JAX-RS does: a problem
     * naming the field (or header), logged once at INFO without a stack trace.
     */
    public static void send(HttpServletResponse response, int status, String title, String field, String message)
            throws IOException {
        String body = document(status, title, field + " " + message, List.of(new FieldError(field, message)));
        LOG.info("request refused (" + status + "): " + body);
        write(response, status, body);
    }

    static void write(HttpServletResponse response, int status, String document) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(document);
    }

    /**
     * The problem document itself, for the places that answer outside JAX-RS (a servlet filter, the error
     * page): the same fields in the same order as every other problem this API sends.
     */
    static String document(int status, String title, String detail, List<FieldError> errors) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("detail", detail);
        if (!errors.isEmpty()) {
            body.add("field", errors.get(0).field());
            JsonArrayBuilder list = Json.createArrayBuilder();
            errors.forEach(e -> list.add(Json.createObjectBuilder().add("field", e.field()).add("message", e.message())));
            body.add("errors", list);
        }
        return body.build().toString();
    }
}
