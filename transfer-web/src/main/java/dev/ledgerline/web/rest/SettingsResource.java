package dev.ledgerline.web.rest;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.web.security.Caller;
import dev.ledgerline.web.security.Roles;

/**
 * What a client needs to offer the right choices: the modes this server accepts from this caller (the
 * unsafe ones only when enabled and only to an admin, each marked) and the default mode.
 */
@Path("/settings")
@Tag(name = "Settings", description = "What this server offers this caller.")
@RequestScoped
@RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    @Inject
    LedgerSettings settings;

    @Inject
    Caller caller;

    @Schema(name = "Mode", description = "A mode this server accepts from this caller.")
    public record ModeView(
            @Schema(required = true, enumeration = {"xa", "idempotent", "at-most-once", "at-least-once-naive"})
            String name,
            @Schema(required = true, description = "An UNSAFE demonstration mode: it can lose or duplicate money.")
            boolean unsafe) {
    }

    @Schema(name = "Settings", description = "The modes this server accepts from this caller, and its default.")
    public record SettingsView(
            @Schema(required = true, description = "The mode of a request that names none.", example = "xa")
            String defaultMode,
            @Schema(required = true, description = "Whether the unsafe modes are offered to this caller.")
            boolean unsafeModesEnabled,
            @Schema(required = true) List<ModeView> modes) {
    }

    @GET
    @Operation(operationId = "getSettings", summary = "Get the modes offered",
            description = "The modes this server accepts from this caller (the unsafe ones only when enabled, and "
                    + "only to an admin) and the default mode.")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SettingsView.class)))
    @APIResponse(responseCode = "400", ref = LedgerApi.BAD_HEADER)
    @APIResponse(responseCode = "401", ref = LedgerApi.UNAUTHORIZED)
    @APIResponse(responseCode = "500", ref = LedgerApi.SERVER_ERROR)
    public SettingsView get() {
        boolean unsafe = settings.unsafeModesEnabled() && caller.is(Roles.ADMIN);
        return new SettingsView(settings.defaultMode().wireName(), unsafe, Arrays.stream(TransferMode.values())
                .filter(m -> unsafe || !m.isUnsafe())
                .map(m -> new ModeView(m.wireName(), m.isUnsafe()))
                .toList());
    }
}
