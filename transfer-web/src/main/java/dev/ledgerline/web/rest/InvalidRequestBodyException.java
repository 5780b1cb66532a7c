package dev.ledgerline.web.rest;

import jakarta.ws.rs.core.Response;

/** A request body that could not be read as a transfer request at all: too large, not JSON, wrong types. */
public class InvalidRequestBodyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Response.StatusType status;
    private final String field;

    public InvalidRequestBodyException(Response.StatusType status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public Response.StatusType status() {
        return status;
    }

    public String field() {
        return field;
    }
}
