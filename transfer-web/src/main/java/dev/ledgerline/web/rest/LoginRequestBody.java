package dev.ledgerline.web.rest;

import jakarta.json.JsonObject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/session}, read by hand like every body of this API, and its schema in the
 * OpenAPI document. LoginRequestBodyTest holds the names read here to this record's.
 */
@Schema(name = "LoginRequest", description = "The web UI's login: a user of the server's registry.")
public record LoginRequestBody(
        @Schema(required = true, description = "The user name.", example = "ada")
        String username,
        @Schema(required = true, format = "password", description = "The user's password.")
        String password) {

    /** The fields as sent, each null when absent; a value that is not a string is refused by its name. */
    static LoginRequestBody of(JsonObject json) {
        return new LoginRequestBody(JsonObjectBody.text(json, "username"), JsonObjectBody.text(json, "password"));
    }
}
