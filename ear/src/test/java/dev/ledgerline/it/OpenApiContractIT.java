package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API's contract as the server serves it at /openapi, to anyone: it lists every operation the code
 * declares, says which login each needs, describes every error as a problem document, and passes Redocly's
 * linter. The UI at /openapi/ui/ comes from the server alone. The document is kept in target/ for a reader.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiContractIT {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/ProblemDocument";
    private static final String SESSION = "/api/session";

    private static OpenApiDocument fetched;
    /** A transfer for the answers that show one. */
    private static UUID transfer;

    // HTTP/1.1, as a browser speaks over plain HTTP: with the default h2c upgrade, a run saw the UI page hang.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static EnterpriseArchive ledgerline() {
        return Deployments.ledgerline();
    }

    @Test
    void theDocumentListsEveryOperationOfTheCode() throws Exception {
        Set<String> declared = ApiResourceMethods.of(Path.of(required("ledgerline.web.classes")));
        Set<String> documented = new TreeSet<>(document().operations().stream().map(OpenApiDocument.Operation::name).toList());

        assertThat(declared).as("operations the code declares").contains("POST /api/transfers", "GET /api/session");
        assertThat(documented).isEqualTo(declared);
    }

    @Test
    void everyOperationButTheSessionsNeedsALogin() throws Exception {
        OpenApiDocument document = document();
        JsonObject basic = Json.createObjectBuilder().add("basicAuth", Json.createArrayBuilder()).build();

        for (var operation : document.operations()) {
            var security = document.security(operation);
            if (operation.path().equals(SESSION)) {
                assertThat(security).as(operation.name() + " is open").isEmpty();
            } else {
                assertThat(security).as(operation.name() + " needs a login")
                        .contains(basic).doesNotContain(JsonValue.EMPTY_JSON_OBJECT);
            }
        }
        assertThat(document.json().getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("basicAuth")).containsEntry("type", Json.createValue("http"))
                .containsEntry("scheme", Json.createValue("basic"));
    }

    @Test
    void everyErrorIsAProblemDocumentAndEverySuccessHasABody() throws Exception {
        OpenApiDocument document = document();

        for (var operation : document.operations()) {
            JsonObject responses = operation.json().getJsonObject("responses");
            assertThat(responses.keySet()).as(operation.name()).anyMatch(code -> code.startsWith("2"))
                    .anyMatch(code -> code.startsWith("4")).contains("500");
            responses.forEach((code, value) -> {
                JsonObject response = document.resolve(value);
                String what = operation.name() + " " + code;
                if (code.startsWith("4") || code.startsWith("5")) {
                    JsonObject content = response.getJsonObject("content");
                    assertThat(content.keySet()).as(what).containsExactly("application/problem+json");
                    assertThat(content.getJsonObject("application/problem+json").getJsonObject("schema")
                            .getString("$ref")).as(what).isEqualTo(PROBLEM_SCHEMA);
                } else if (!code.equals("204")) {
                    assertThat(response.getJsonObject("content").keySet()).as(what).containsExactly("application/json");
                }
            });
        }
        assertThat(document.json().getJsonObject("components").getJsonObject("schemas").getJsonObject("ProblemDocument")
                .getJsonObject("properties").keySet()).containsExactlyInAnyOrder("type", "title", "status", "detail",
                "field", "errors");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/accounts           | accounts
            /api/accounts/{id}      | accounts/ACC-001
            /api/transfers          | transfers?limit=5
            /api/transfers/{id}     | transfers/{transfer}
            /api/settings           | settings
            /api/statistics         | statistics
            /api/invariants         | invariants
            /api/backlog            | backlog
            /api/session            | session
            """)
    void whatTheServerAnswersIsWhatTheDocumentDescribes(String path, String request) throws Exception {
        LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort(), DemoUser.OLIVIA);
        if (transfer == null) {
            transfer = api.submitAccepted("ACC-001", "ACC-002", "1.00", "EUR");
        }

        var reply = api.get(request.replace("{transfer}", transfer.toString()));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        OpenApiDocument document = document();
        assertThat(document.mismatches(reply.jsonArrayOrObject(), document.okSchema("GET", path), path)).isEmpty();
    }

    @Test
    void theUiIsServedByTheServerAloneWithoutALogin() throws Exception {
        URI ui = URI.create("http://127.0.0.1:" + IntegrationSettings.httpPort() + "/openapi/ui/");
        HttpResponse<String> page = get(ui);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        List<String> assets = assets(page.body());
        assertThat(assets).as("the page's scripts and styles").isNotEmpty()
                .allSatisfy(a -> assertThat(URI.create(a).isAbsolute() || a.startsWith("//"))
                        .as(a + " comes from elsewhere").isFalse());
        for (String asset : assets) {
            assertThat(get(ui.resolve(asset)).statusCode()).as(asset).isEqualTo(200);
        }
    }

    @Test
    void theDocumentPassesRedoclysLinter() throws Exception {
        Path saved = saved();
        document();

        var result = RedoclyLint.lint(required("ledgerline.redocly.cli"), Path.of(required("ledgerline.redocly.config")),
                saved, saved.resolveSibling("redocly-lint.txt"));

        System.out.println("redocly lint " + saved + ":\n" + result.output());
        assertThat(result.passed()).as("redocly lint found errors:\n" + result.output()).isTrue();
    }

    /** Fetched once, without a login, and saved for the linter and for a reader. */
    private OpenApiDocument document() throws IOException, InterruptedException {
        if (fetched == null) {
            HttpResponse<String> reply = get(URI.create("http://127.0.0.1:" + IntegrationSettings.httpPort()
                    + "/openapi?format=JSON"));
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            Files.writeString(saved(), reply.body(), StandardCharsets.UTF_8);
            try (var reader = Json.createReader(new StringReader(reply.body()))) {
                fetched = new OpenApiDocument(reader.readObject());
            }
        }
        return fetched;
    }

    private static Path saved() {
        return Path.of(required("ledgerline.openapi.document"));
    }

    /** The src and href of the page's script and link elements. */
    private static List<String> assets(String html) {
        Matcher m = Pattern.compile("<(?:script|link)\\b[^>]*?\\b(?:src|href)\\s*=\\s*[\"']([^\"']+)[\"']").matcher(html);
        List<String> assets = new ArrayList<>();
        while (m.find()) {
            assets.add(m.group(1));
        }
        return assets;
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests through Maven");
        }
        return value;
    }
}
