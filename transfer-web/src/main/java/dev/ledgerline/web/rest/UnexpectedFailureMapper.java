package dev.ledgerline.web.rest;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every error the resources do not answer themselves becomes a problem document too. The framework's own
 * (404 for an unknown path, 405, ...) keep their status; anything else is a 500, logged with its stack
 * trace because nobody expected it.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return Problem.of(status, status.getReasonPhrase(), String.valueOf(web.getMessage()));
        }
        LOG.log(Level.SEVERE, "request failed unexpectedly", failure);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "Internal error",
                "the request failed unexpectedly; the server log has the details");
    }
}
