package dev.ledgerline.web.rest;

import java.io.InputStream;
import java.math.BigDecimal;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
/**
 * Reads the body of {@code POST /api/transfers} into a {@link TransferRequestBody}, through {@link JsonObjectBody}
 * so that every way it can be wrong gets an answer that names the field, and so that amounts never pass
 * through a floating-point type.
 */
final class TransferRequestReader {

    /** More digits before or after the point than any amount the validator accepts (18 each). */
    private static final int MAX_AMOUNT_DIGITS = 19;

    private TransferRequestReader() {
    }

    /** The fields as sent, each null when absent; checking them is the ledger's (and the resource's, for mode). */
    static TransferRequestBody read(InputStream body) {
        JsonObject json = JsonObjectBody.parse(body, "a transfer request");
        return new TransferRequestBody(
                JsonObjectBody.text(json, "fromAccount"),
                JsonObjectBody.text(json, "toAccount"),
                amount(json),
                JsonObjectBody.text(json, "currency"),
                JsonObjectBody.text(json, "idempotencyKey"),
                JsonObjectBody.text(json, "mode"));
    }

    /** The amount as decimal text: a JSON string such as "12.34", or a JSON number taken digit for digit. */
    private static String amount(JsonObject json) {
        JsonValue value = json.get("amount");
        if (value instanceof JsonNumber n) {
            BigDecimal number = n.bigDecimalValue();
            // 1e999999999 is nine bytes of JSON and a billion digits written out: refuse it before it is.
            if (number.scale() > MAX_AMOUNT_DIGITS || number.precision() - number.scale() > MAX_AMOUNT_DIGITS) {
                throw new InvalidRequestBodyException(Response.Status.BAD_REQUEST, "amount",
                        "has more digits than any amount; write it as a decimal string such as \"12.34\"");
            }
            return number.toPlainString();
        }
        try {
            return JsonObjectBody.text(json, "amount");
        } catch (InvalidRequestBodyException e) {
            throw new InvalidRequestBodyException(Response.Status.BAD_REQUEST, "amount",
                    "must be a decimal string such as \"12.34\"");
        }
    }
}
