package dev.ledgerline.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * The REST API, under {@code /api}, and the head of its OpenAPI document ({@code /openapi}): what every
 * operation shares (its logins, and the refusals any of them can answer) is declared here once; each resource
 * method declares its own answers. Every operation needs one of the two logins, except the session's.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "Ledgerline API", version = "0.1.0",
                description = "Money transfers between accounts over Artemis, carried by XA or by an idempotent "
                        + "design. Submitting a transfer answers 202: the money moves later, when a consumer "
                        + "applies it. Amounts are decimal strings in major units (\"12.34\"), never floats. Every "
                        + "error is an RFC 9457 problem document (application/problem+json) and changes nothing.",
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        security = {@SecurityRequirement(name = LedgerApi.BASIC), @SecurityRequirement(name = LedgerApi.COOKIE)},
        components = @Components(responses = {
                @APIResponse(name = LedgerApi.BAD_HEADER, description = "A Content-Type or Accept header that is "
                        + "not a media type (field names the header)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDocument.class))),
                @APIResponse(name = LedgerApi.UNAUTHORIZED, description = "No login, or a wrong one",
                        headers = @Header(name = "WWW-Authenticate", description = "Basic realm=\"Ledgerline\"",
                                schema = @Schema(type = SchemaType.STRING)),
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDocument.class))),
                @APIResponse(name = LedgerApi.ROLE_FORBIDDEN, description = "The caller's role may not do this",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDocument.class))),
                @APIResponse(name = LedgerApi.SERVER_ERROR, description = "An unexpected failure; the server log "
                        + "has the details",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDocument.class))),
                @APIResponse(name = LedgerApi.REPORT, description = "The report, as its tool wrote it",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                schema = @Schema(type = SchemaType.OBJECT, description = "The tool's report.json, unchanged"))),
                @APIResponse(name = LedgerApi.NO_REPORT, description = "No report yet (no path configured, or no "
                        + "file there)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDocument.class))),
                @APIResponse(name = LedgerApi.REPORT_UNREADABLE, description = "The report is larger than 1 MiB or "
                        + "unreadable, or another unexpected failure",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDocument.class)))
        }))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = LedgerApi.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "A user of the server's registry, with every request: how tools (curl, the drills, "
                        + "the benchmark) log in. The demo users are listed in the README."),
        @SecurityScheme(securitySchemeName = LedgerApi.COOKIE, type = SecuritySchemeType.APIKEY,
                in = SecuritySchemeIn.COOKIE, apiKeyName = "LtpaToken2",
                description = "The web UI's login: the single-sign-on cookie Liberty sets after POST /api/session "
                        + "(HTTPS only, HttpOnly, SameSite=Strict). A change (POST, DELETE) made with it must also "
                        + "send the session's token, from GET /api/session, in X-CSRF-Token.")
})
public class LedgerApi extends Application {

    static final String BASIC = "basicAuth";
    static final String COOKIE = "sessionCookie";

    /** Names of the shared answers in the document's components, for {@code @APIResponse(ref = ...)}. */
    static final String BAD_HEADER = "MalformedHeader";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String ROLE_FORBIDDEN = "RoleForbidden";
    static final String SERVER_ERROR = "ServerError";
    static final String REPORT = "Report";
    static final String NO_REPORT = "NoReport";
    static final String REPORT_UNREADABLE = "ReportUnreadable";
}
