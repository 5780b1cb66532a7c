package dev.ledgerline.web.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ledgerline.server.config.LedgerSettings;
import dev.ledgerline.web.security.Roles;

/**
 * The latest crash drill and benchmark reports, as their tools wrote them ({@code report.json}), from the
 * paths {@code ledgerline.report.drills} and {@code ledgerline.report.bench} name. Only those two files are
 * ever read; 404 while there is none.
 */
@Path("/reports")
@Tag(name = "Operations")
@RequestScoped
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

    /** A report is a few kilobytes; anything far larger is not one. */
    private static final long MAX_BYTES = 1024 * 1024;

    @Inject
    LedgerSettings settings;

    @GET
    @Path("/drills")
    @Operation(operationId = "getDrillReport", summary = "Get the latest crash drill report",
            description = "The report.json of the latest crash drill, from the path ledgerline.report.drills names.")
    @APIResponse(responseCode = "200", ref = LedgerApi.REPORT)
    @APIResponse(responseCode = "400", ref = LedgerApi.BAD_HEADER)
    @APIResponse(responseCode = "403", ref = LedgerApi.ROLE_FORBIDDEN)
    @APIResponse(responseCode = "404", ref = LedgerApi.NO_REPORT)
    @APIResponse(responseCode = "401", ref = LedgerApi.UNAUTHORIZED)
    @APIResponse(responseCode = "500", ref = LedgerApi.REPORT_UNREADABLE)
    public Response drills() {
        return report("drill", settings.drillReport());
    }

    @GET
    @Path("/bench")
    @Operation(operationId = "getBenchReport", summary = "Get the latest benchmark report",
            description = "The report.json of the latest benchmark, from the path ledgerline.report.bench names.")
    @APIResponse(responseCode = "200", ref = LedgerApi.REPORT)
    @APIResponse(responseCode = "400", ref = LedgerApi.BAD_HEADER)
    @APIResponse(responseCode = "403", ref = LedgerApi.ROLE_FORBIDDEN)
    @APIResponse(responseCode = "404", ref = LedgerApi.NO_REPORT)
    @APIResponse(responseCode = "401", ref = LedgerApi.UNAUTHORIZED)
    @APIResponse(responseCode = "500", ref = LedgerApi.REPORT_UNREADABLE)
    public Response bench() {
        return report("benchmark", settings.benchReport());
    }

    private static Response report(String what, Optional<java.nio.file.Path> file) {
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return Problem.of(Response.Status.NOT_FOUND, "No " + what + " report yet",
                    file.map(f -> "no file at " + f).orElse("no path configured"));
        }
        try {
            if (Files.size(file.get()) > MAX_BYTES) {
                return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "Report too large",
                        file.get() + " is larger than " + MAX_BYTES + " bytes");
            }
            return Response.ok(Files.readString(file.get()), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (IOException e) {
            return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "Report unreadable", e.getMessage());
        }
    }
}
