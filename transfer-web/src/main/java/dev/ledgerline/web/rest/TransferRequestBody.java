package dev.ledgerline.web.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ledgerline.ledger.submit.TransferRequest;

/**
 * The body of {@code POST /api/transfers} as {@link TransferRequestReader} reads it, and its schema in the
 * OpenAPI document. The reader reads the JSON by hand, field by field; TransferRequestBodyTest holds its field
 * names to this record's, so that the document cannot name a field the server does not read.
 */
@Schema(name = "TransferRequest", description = "A transfer to submit. Fields are checked by the server, which "
        + "names the first one at fault in its problem document; unknown fields are ignored.")
public record TransferRequestBody(
        @Schema(required = true, description = "The account to debit; a customer may debit only an account they hold.",
                example = "ACC-001")
        String fromAccount,
        @Schema(required = true, description = "The account to credit (any account, not the one debited).",
                example = "ACC-002")
        String toAccount,
        @Schema(required = true, pattern = "^[0-9]+(\\.[0-9]+)?$",
                description = "The amount, positive, as a decimal string in major units with at most the currency's "
                        + "decimals. A JSON number is accepted too and read digit for digit, never as a float.",
                example = "12.34")
        String amount,
        @Schema(required = true, description = "ISO 4217 code; must be the currency of both accounts.",
                example = "EUR")
        String currency,
        @Schema(required = true, description = "The client's key for this transfer: the same key again answers the "
                + "same transfer (200), the same key with other details is refused (422).",
                example = "3f0c8e0a-1b7e-4c54-9a53-0d6f1d2b7c11")
        String idempotencyKey,
        @Schema(description = "The design that carries it: xa or idempotent; without it, the server's default "
                + "(GET /api/settings). The unsafe demonstration modes (at-most-once, at-least-once-naive) are "
                + "refused unless the server enables them, and then offered to an admin only.",
                example = "idempotent")
        String mode) {

    /** What the ledger is asked to do; the mode chooses who does it. */
    TransferRequest toRequest() {
        return new TransferRequest(fromAccount, toAccount, amount, currency, idempotencyKey);
    }
}
