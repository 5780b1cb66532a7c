package dev.ledgerline.web.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What {@link Problem#document} writes, as a type for the OpenAPI document: every error of the API is one of
 * these. {@link Problem} builds the JSON itself (it also answers from servlet filters, outside JSON-B), so a
 * unit test holds the two to the same field names.
 */
@Schema(name = "ProblemDocument", description = "An RFC 9457 problem document (application/problem+json): every "
        + "error this API answers, including the refusals of the container, is one of these. Nothing was changed.")
public record ProblemDocument(
        @Schema(required = true, description = "Always about:blank: the status and title say what happened.",
                example = "about:blank")
        String type,
        @Schema(required = true, description = "A short summary of the kind of problem.",
                example = "Invalid transfer request")
        String title,
        @Schema(required = true, description = "The HTTP status code of the answer.", example = "400")
        int status,
        @Schema(required = true, description = "What is wrong, for a person to read.",
                example = "amount must be a decimal string such as \"12.34\"")
        String detail,
        @Schema(description = "The first field (or header, or body) at fault, when the problem is about one.",
                example = "amount")
        String field,
        @Schema(type = SchemaType.ARRAY, description = "Every field at fault, when the problem is about fields.")
        List<FieldProblem> errors) {

    /** One field at fault and what is wrong with it. */
    @Schema(name = "FieldProblem", description = "One field (or header, or body) at fault.")
    public record FieldProblem(
            @Schema(required = true, description = "The request's field, header or \"body\".", example = "amount")
            String field,
            @Schema(required = true, description = "What is wrong with it.",
                    example = "must be a decimal string such as \"12.34\"")
            String message) {
    }
}
