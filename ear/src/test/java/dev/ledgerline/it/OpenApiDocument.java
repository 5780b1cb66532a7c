package dev.ledgerline.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** The OpenAPI document the server serves at /openapi, as JSON, with the few look-ups the tests need. */
record OpenApiDocument(JsonObject json) {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final String REF = "$ref";

    /** One operation: "GET /api/transfers/{id}" and its OpenAPI object. */
    record Operation(String method, String path, JsonObject json) {
        String name() {
            return method + " " + path;
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        json.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path, operation.asJsonObject()));
            }
        }));
        return operations;
    }

    /** What the operation requires: its own security, or else the document's. */
    JsonArray security(Operation operation) {
        JsonArray own = operation.json().getJsonArray("security");
        return own != null ? own : json.getJsonArray("security");
    }

    /** The response object, through its $ref to the components when it has one. */
    JsonObject resolve(JsonValue response) {
        JsonObject object = response.asJsonObject();
        if (!object.containsKey(REF)) {
            return object;
        }
        String ref = object.getString(REF);
        String prefix = "#/components/responses/";
        if (!ref.startsWith(prefix)) {
            throw new AssertionError("a response $ref outside the components' responses: " + ref);
        }
        JsonObject target = json.getJsonObject("components").getJsonObject("responses")
                .getJsonObject(ref.substring(prefix.length()));
        if (target == null) {
            throw new AssertionError("a response $ref to nothing: " + ref);
        }
        return target;
    }
}
