package dev.ledgerline.web.rest;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every error the resources do not answer themselves becomes a problem document too. The framework's own
 * (404 for an unknown path, 405, ...) keep their status and are logged in one line; anything else is a 500,
 * logged with its stack trace because nobody expected it.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            // The framework's message names its internals (RESTEASY003210: ...); the log keeps it, the client
            // gets the status alone.
            int status = web.getResponse().getStatus();
            LOG.info("request refused (" + status + "): " + web.getMessage());
            return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.statusOnly(status)).build();
        }
        LOG.log(Level.SEVERE, "request failed unexpectedly", failure);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "Internal error",
                "the request failed unexpectedly; the server log has the details");
    }
}
