package dev.ledgerline.web.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import dev.ledgerline.web.rest.Problem;

/**
 * Refuses a state-changing request to the API that another site could have made on a logged-in browser's
 * behalf (cross-site request forgery). Three locks, each enough on its own in today's browsers:
 * <ol>
 * <li>the login cookie is {@code SameSite=Strict} (server.xml), so a cross-site request does not carry it;
 * <li>a request whose {@code Origin} is another origin, or whose {@code Sec-Fetch-Site} says it came from
 * another site, is refused whatever it carries;
 * <li>a request that authenticates with the cookie (no {@code Authorization} header) must carry the
 * session's token in {@code X-CSRF-Token}; the UI reads it from {@code GET /api/session}, which another
 * site cannot read. A request with an {@code Authorization} header is a tool's (curl, the drills): no
 * browser adds that header to a cross-site request, so it needs no token.
 * </ol>
 * Logging in ({@code POST /api/session}) needs no token, since there is no session yet; the origin check
 * still applies.
 */
@WebFilter(urlPatterns = "/api/*")
public class CrossSiteRequestFilter extends HttpFilter {

    public static final String TOKEN_HEADER = "X-CSRF-Token";
    private static final String TOKEN_ATTRIBUTE = CrossSiteRequestFilter.class.getName() + ".token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE_METHODS.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            refuse(response, "Sec-Fetch-Site", "says the request came from another site (" + fetchSite + ")");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals(ownOrigin(request))) {
            refuse(response, "Origin", "is another origin than this server's");
            return;
        }
        boolean cookieAuthenticated = request.getUserPrincipal() != null && request.getHeader("Authorization") == null;
        if (cookieAuthenticated && !isLogin(request) && !hasSessionToken(request)) {
            refuse(response, TOKEN_HEADER, "is missing or not this session's; read it from GET /api/session");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The session's token, made on first use. */
    public static String tokenOf(HttpSession session) {
        Object token = session.getAttribute(TOKEN_ATTRIBUTE);
        if (token instanceof String t) {
            return t;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(TOKEN_ATTRIBUTE, made);
        return made;
    }

    private static boolean hasSessionToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String sent = request.getHeader(TOKEN_HEADER);
        if (session == null || sent == null || !(session.getAttribute(TOKEN_ATTRIBUTE) instanceof String expected)) {
            return false;
        }
        // Compared in constant time, so that the answer's timing does not reveal how much of a guess was right.
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isLogin(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/api/session");
    }

    /** scheme://host[:port] as the browser addressed this server (the Host header). */
    /**
     * From the name and port the container read off the request, not from a Host header: an HTTP/2 request
     * (which browsers speak over HTTPS wherever the server offers it) has none, only :authority.
     */
    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = scheme.equals("https") ? port == 443 : scheme.equals("http") && port == 80;
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private static void refuse(HttpServletResponse response, String header, String message) throws IOException {
        Problem.send(response, HttpServletResponse.SC_FORBIDDEN, "Cross-site request refused", header, message);
    }
}
