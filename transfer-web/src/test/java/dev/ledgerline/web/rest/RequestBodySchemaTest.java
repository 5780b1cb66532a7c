package dev.ledgerline.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import org.junit.jupiter.api.Test;

/**
 * The request bodies are read by hand, field by field, and documented by the records they are read into
 * (whose component names become the OpenAPI schema's properties). Each test sends a body whose every field
 * is named after a component and carries a value of its own, and expects every value back in its component:
 * a field renamed in the record but not in the reader, or the other way round, comes back null.
 */
class RequestBodySchemaTest {

    @Test
    void theTransferReaderReadsEveryFieldOfTheDocumentedTransferRequest() throws Exception {
        RecordComponent[] fields = TransferRequestBody.class.getRecordComponents();

        TransferRequestBody read = TransferRequestReader.read(stream(bodyNaming(fields)));

        for (RecordComponent field : fields) {
            assertThat(field.getAccessor().invoke(read)).as(field.getName()).isEqualTo(valueOf(field));
        }
    }

    @Test
    void theLoginReadsEveryFieldOfTheDocumentedLoginRequest() throws Exception {
        RecordComponent[] fields = LoginRequestBody.class.getRecordComponents();

        LoginRequestBody read = LoginRequestBody.of(JsonObjectBody.parse(stream(bodyNaming(fields)), "a login"));

        for (RecordComponent field : fields) {
            assertThat(field.getAccessor().invoke(read)).as(field.getName()).isEqualTo(valueOf(field));
        }
    }

    @Test
    void bothRecordsHaveOnlyStringFieldsSoTheBodiesAboveCoverThem() {
        // The amount is decimal text in the record, whatever JSON type the client used: never a float.
        assertThat(Arrays.stream(TransferRequestBody.class.getRecordComponents()).map(RecordComponent::getType))
                .containsOnly(String.class);
        assertThat(Arrays.stream(LoginRequestBody.class.getRecordComponents()).map(RecordComponent::getType))
                .containsOnly(String.class);
    }

    private static String bodyNaming(RecordComponent[] fields) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        for (RecordComponent field : fields) {
            body.add(field.getName(), valueOf(field));
        }
        return body.build().toString();
    }

    /** A value no other field has; "1.<n>" so that it is a well-formed amount as well. */
    private static String valueOf(RecordComponent field) {
        return "1." + Math.abs(field.getName().hashCode());
    }

    private static ByteArrayInputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }
}
