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

import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.web.security.Caller;
import dev.ledgerline.web.security.Roles;

/**
 * What a client needs to offer the right choices: the modes this server accepts from this caller (the
 * unsafe ones only when enabled and only to an admin, each marked) and the default mode.
 */
@Path("/settings")
@RequestScoped
@RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    @Inject
    LedgerSettings settings;

    @Inject
    Caller caller;

    public record ModeView(String name, boolean unsafe) {
    }

    public record SettingsView(String defaultMode, boolean unsafeModesEnabled, List<ModeView> modes) {
    }

    @GET
    public SettingsView get() {
        boolean unsafe = settings.unsafeModesEnabled() && caller.is(Roles.ADMIN);
        return new SettingsView(settings.defaultMode().wireName(), unsafe, Arrays.stream(TransferMode.values())
                .filter(m -> unsafe || !m.isUnsafe())
                .map(m -> new ModeView(m.wireName(), m.isUnsafe()))
                .toList());
    }
}
