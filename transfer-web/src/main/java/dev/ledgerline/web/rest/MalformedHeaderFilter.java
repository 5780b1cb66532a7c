package dev.ledgerline.web.rest;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;

/**
 * Refuses a request to the API whose {@code Content-Type} or {@code Accept} header is not a media type at
 * all ({@code /}, {@code ;;;}, {@code application}), before the JAX-RS runtime sees it. The runtime would
 * refuse it too, but with a logged stack trace and the server's HTML error page (or, for an {@code Accept}
 * quality that is no number, a 500); a client's malformed header deserves a problem document naming the
 * header, and one log line.
 */
@WebFilter(urlPatterns = "/api/*")
public class MalformedHeaderFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && !isMediaType(contentType)) {
            refuse(response, "Content-Type", "is not a media type such as application/json");
            return;
        }
        String accept = request.getHeader("Accept");
        if (accept != null && !isMediaTypeList(accept)) {
            refuse(response, "Accept", "is not a list of media types such as application/json");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isMediaTypeList(String header) {
        for (String element : header.split(",")) {
            if (!element.isBlank() && !(isMediaType(element.trim()) && hasValidQuality(element.trim()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A quality ({@code q=0.5}) is a qvalue of RFC 9110: 0 to 1 with at most three decimals. RESTEasy
     * answers any other with a 500.
     */
    private static boolean hasValidQuality(String element) {
        String q = MediaType.valueOf(element).getParameters().get("q");
        return q == null || q.matches("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");
    }

    private static boolean isMediaType(String value) {
        try {
            MediaType type = MediaType.valueOf(value);
            return !type.getType().isEmpty() && !type.getSubtype().isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, String header, String message) throws IOException {
        Problem.send(response, HttpServletResponse.SC_BAD_REQUEST, "Malformed request header", header, message);
    }
}
