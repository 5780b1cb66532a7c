package dev.ledgerline.web.rest;

import java.io.InputStream;
import java.util.List;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ledgerline.web.security.Caller;
import dev.ledgerline.web.security.CrossSiteRequestFilter;

/**
 * The web UI's login. {@code POST} checks a user name and password against the server's registry
 * (Liberty's, through {@link HttpServletRequest#login}); Liberty then sets its single-sign-on cookie, and
 * later requests from the browser are this user's. {@code GET} says who is logged in, with which roles, and
 * the token the UI must send with every change ({@link CrossSiteRequestFilter}). {@code DELETE} logs out.
 *
 * <p>The only URL of the API open to everyone (web.xml): an anonymous {@code GET} answers
 * {@code authenticated: false} rather than 401, because "nobody is logged in" is this resource's answer,
 * not a refusal. Tools need none of this: they send HTTP Basic credentials with every request.
 */
@Path("/session")
@Tag(name = "Session", description = "The web UI's login. Open to everyone: it is where one logs in.")
// No login needed (web.xml leaves /api/session open): an empty list of requirements. (A login is used when
// sent, but listing "none" beside the two logins takes an empty requirement, which Liberty's validator refuses.)
@SecurityRequirements
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final Logger LOG = Logger.getLogger(SessionResource.class.getName());

    @Context
    HttpServletRequest request;

    @Inject
    Caller caller;

    /** Who is logged in; the token only to a caller with a session of the UI's own. */
    @Schema(name = "Session", description = "Who is logged in.")
    public record SessionView(
            @Schema(required = true) boolean authenticated,
            @Schema(description = "The user; absent without a login.", example = "ada") String user,
            @Schema(required = true, description = "The user's roles (customer, operator, auditor, admin).")
            List<String> roles,
            @Schema(description = "The token a change made with the session cookie must send in X-CSRF-Token; "
                    + "absent without a login.")
            String csrfToken) {
    }

    @GET
    @Operation(operationId = "getSession", summary = "Who is logged in",
            description = "The caller's user, roles and CSRF token; authenticated false without a login (not 401).")
    @APIResponse(responseCode = "200", description = "The session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", ref = LedgerApi.BAD_HEADER)
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    public SessionView get() {
        if (caller.name() == null) {
            return new SessionView(false, null, List.of(), null);
        }
        return new SessionView(true, caller.name(), caller.roles(), CrossSiteRequestFilter.tokenOf(request.getSession(true)));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "logIn", summary = "Log in (the web UI)",
            description = "Checks the user name and password against the server's registry; Liberty then sets its "
                    + "single-sign-on cookie (LtpaToken2) and a new session. Tools send HTTP Basic instead.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LoginRequestBody.class)))
    @APIResponse(responseCode = "200", description = "Logged in: the new session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = "username or password missing, a body that is not one flat JSON "
            + "object, or a malformed header; field names the first at fault", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "401", description = "The user name or password is wrong (which one is not said)",
            headers = @Header(name = "WWW-Authenticate", description = "Ledgerline-Session realm=\"Ledgerline\" (not "
                    + "Basic, so that a browser shows no password dialog)", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "403", description = "Another site's request (Origin or Sec-Fetch-Site)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than 16 KiB", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    public Response login(InputStream body) {
        LoginRequestBody login;
        try {
            // A user name that is not a string is refused here too, naming it (it used to escape as a 500).
            login = LoginRequestBody.of(JsonObjectBody.parse(body, "a login"));
        } catch (InvalidRequestBodyException e) {
            return Problem.field(e.status(), "Invalid login request", e.field(), e.getMessage());
        }
        String user = login.username();
        String password = login.password();
        if (user == null || user.isBlank()) {
            return Problem.field(Response.Status.BAD_REQUEST, "Invalid login request", "username", "is required");
        }
        if (password == null || password.isEmpty()) {
            return Problem.field(Response.Status.BAD_REQUEST, "Invalid login request", "password", "is required");
        }
        // A new session for the new login, so that a session id planted before the login is worth nothing.
        endSession();
        try {
            request.login(user, password);
        } catch (ServletException e) {
            // The reason (no such user, wrong password) is the server's to know: telling them apart helps a guesser.
            LOG.info("login refused for user " + printable(user));
            return Response.status(Response.Status.UNAUTHORIZED).type(Problem.MEDIA_TYPE)
                    // Not "Basic": a browser would answer that with its own password dialog.
                    .header("WWW-Authenticate", "Ledgerline-Session realm=\"Ledgerline\"")
                    .entity(Problem.document(401, "Login failed", "the user name or password is wrong", List.of()))
                    .build();
        }
        LOG.info("user " + caller.name() + " logged in to the web UI " + caller.roles());
        return Response.ok(get()).build();
    }

    @DELETE
    @Operation(operationId = "logOut", summary = "Log out (the web UI)",
            description = "Ends the session and the login; answers 204 with or without one.")
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(responseCode = "400", ref = LedgerApi.BAD_HEADER)
    @APIResponse(responseCode = "403", description = "A cookie login without the session's X-CSRF-Token, or another "
            + "site's request (Origin or Sec-Fetch-Site)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    public Response logout() throws ServletException {
        String user = caller.name();
        endSession();
        request.logout();
        if (user != null) {
            LOG.info("user " + user + " logged out of the web UI");
        }
        return Response.noContent().build();
    }

    /** The user name as sent, made safe for one log line: no control or format characters, at most 64. */
    private static String printable(String user) {
        String shown = user.replaceAll("[\\p{Cc}\\p{Cf}]", "?");
        return '"' + (shown.length() > 64 ? shown.substring(0, 64) + "..." : shown) + '"';
    }

    private void endSession() {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
