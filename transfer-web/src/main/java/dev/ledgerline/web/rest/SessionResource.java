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
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final Logger LOG = Logger.getLogger(SessionResource.class.getName());

    @Context
    HttpServletRequest request;

    @Inject
    Caller caller;

    /** Who is logged in; the token only to a caller with a session of the UI's own. */
    public record SessionView(boolean authenticated, String user, List<String> roles, String csrfToken) {
    }

    @GET
    public SessionView get() {
        if (caller.name() == null) {
            return new SessionView(false, null, List.of(), null);
        }
        return new SessionView(true, caller.name(), caller.roles(), CrossSiteRequestFilter.tokenOf(request.getSession(true)));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
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
