package dev.ledgerline.web.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;

/**
 * A request body that must be one flat JSON object, read by hand (bounded in size, parsed with JSON-P) so
 * that every way it can be wrong is refused with a 4xx naming the field, never a 500.
 */
final class JsonObjectBody {

    /** Far above any real request of this API (about 200 bytes); enough to refuse abuse before parsing it. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    /**
     * The API's requests are flat objects; a few levels more let a wrong value (an object where a string
     * belongs) be refused by its field's name. Checked before parsing: Parsson refuses nesting deeper than
     * 1,000 with a bare RuntimeException, which 16 KiB of brackets reach.
     */
    static final int MAX_DEPTH = 8;

    private JsonObjectBody() {
    }

    /** @param what what the object is, for the refusal ("a transfer request") */
    static JsonObject parse(InputStream body, String what) {
        String text = readBounded(body);
        if (text.isBlank()) {
            throw new InvalidRequestBodyException(Response.Status.BAD_REQUEST, "body", "is empty; expected a JSON object");
        }
        if (nestingDepth(text) > MAX_DEPTH) {
            throw new InvalidRequestBodyException(Response.Status.BAD_REQUEST, "body",
                    "nests arrays or objects deeper than " + MAX_DEPTH + " levels; " + what + " is one flat object");
        }
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidRequestBodyException(Response.Status.BAD_REQUEST, "body", "must be a JSON object");
            }
            // A JsonReader stops after the first value and ignores the rest: "{...}{...}" would be read as
            // its first object, and a transfer made from half of what was sent.
            if (parser.hasNext()) {
                throw new InvalidRequestBodyException(Response.Status.BAD_REQUEST, "body",
                        "has more after its JSON object");
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            throw new InvalidRequestBodyException(Response.Status.BAD_REQUEST, "body",
                    "is not valid JSON (line " + e.getLocation().getLineNumber() + ", column "
                            + e.getLocation().getColumnNumber() + ")");
        } catch (JsonException e) {
            // Whatever else the parser refuses in untrusted text is the client's mistake, not the server's.
            throw new InvalidRequestBodyException(Response.Status.BAD_REQUEST, "body", "is not valid JSON");
        }
    }

    /** The field's string, or null when absent or null; any other JSON type is refused by the field's name. */
    static String text(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new InvalidRequestBodyException(Response.Status.BAD_REQUEST, field, "must be a string");
    }

    /** The deepest nesting of arrays and objects in the text, brackets inside strings not counted. */
    static int nestingDepth(String text) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }

    private static String readBounded(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new InvalidRequestBodyException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body",
                        "is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidRequestBodyException(Response.Status.BAD_REQUEST, "body", "could not be read: " + e.getMessage());
        }
    }
}
