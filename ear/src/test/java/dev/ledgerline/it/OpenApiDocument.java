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

    /** The JSON schema of the operation's 200 answer. */
    JsonObject okSchema(String method, String path) {
        JsonObject operation = json.getJsonObject("paths").getJsonObject(path).getJsonObject(method.toLowerCase(Locale.ROOT));
        return resolve(operation.getJsonObject("responses").get("200")).getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema");
    }

    /**
     * Where the value differs from the schema: an object's field the schema does not name, or a required one
     * it lacks, at any depth. Values of other types are not checked: JSON-B writes what the records hold.
     */
    List<String> mismatches(JsonValue value, JsonObject schema, String where) {
        JsonObject resolved = schema.containsKey(REF) ? json.getJsonObject("components").getJsonObject("schemas")
                .getJsonObject(schema.getString(REF).substring("#/components/schemas/".length())) : schema;
        List<String> mismatches = new ArrayList<>();
        if (value instanceof JsonArray array && resolved.containsKey("items")) {
            for (int i = 0; i < array.size(); i++) {
                mismatches.addAll(mismatches(array.get(i), resolved.getJsonObject("items"), where + "[" + i + "]"));
            }
        } else if (value instanceof JsonObject object && resolved.containsKey("properties")) {
            JsonObject properties = resolved.getJsonObject("properties");
            object.forEach((name, field) -> {
                if (properties.containsKey(name)) {
                    mismatches.addAll(mismatches(field, properties.getJsonObject(name), where + "." + name));
                } else {
                    mismatches.add(where + "." + name + " is not in the schema");
                }
            });
            JsonArray required = resolved.getJsonArray("required");
            if (required != null) {
                required.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                        .filter(name -> !object.containsKey(name))
                        .forEach(name -> mismatches.add(where + "." + name + " is required but missing"));
            }
        } else if (value instanceof JsonObject object && resolved.get("additionalProperties") instanceof JsonObject values) {
            object.forEach((name, field) -> mismatches.addAll(mismatches(field, values, where + "." + name)));
        } else if (value.getValueType() == JsonValue.ValueType.OBJECT || value.getValueType() == JsonValue.ValueType.ARRAY) {
            mismatches.add(where + " is a " + value.getValueType() + " the schema does not describe");
        }
        return mismatches;
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
