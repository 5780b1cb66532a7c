package dev.ledgerline.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.submit.FieldError;

/**
 * {@link Problem} writes its documents by hand; {@link ProblemDocument} describes them in the OpenAPI
 * document. They must name the same fields, or the contract lies about every error of the API.
 */
class ProblemDocumentTest {

    @Test
    void aProblemWithFieldErrorsHasExactlyTheDocumentedFields() {
        JsonObject problem = parse(Problem.document(400, "Invalid transfer request", "amount must be positive",
                List.of(new FieldError("amount", "must be positive"), new FieldError("currency", "is required"))));

        assertThat(problem.keySet()).containsExactlyInAnyOrderElementsOf(names(ProblemDocument.class));
        assertThat(problem.getJsonArray("errors").getJsonObject(0).keySet())
                .containsExactlyInAnyOrderElementsOf(names(ProblemDocument.FieldProblem.class));
    }

    @Test
    void aProblemWithoutFieldErrorsHasTheDocumentedRequiredFields() {
        JsonObject problem = parse(Problem.statusOnly(404));

        assertThat(names(ProblemDocument.class)).containsAll(problem.keySet());
        assertThat(problem.keySet()).contains("type", "title", "status", "detail");
    }

    private static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
