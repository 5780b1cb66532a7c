package dev.ledgerline.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.domain.Money;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.domain.TransferStatus;

class TransferViewTest {

    private static final Transfer QUEUED = Transfer.queued(UUID.randomUUID(), "key", TransferMode.XA, "ACC-001",
            "ACC-002", new Money(1_234, Currency.getInstance("EUR")), Instant.EPOCH);

    @Test
    void aFinishedTransferSaysWhoEndedItAndUnderWhichCoordinator() {
        Transfer done = QUEUED.finished(TransferStatus.COMPLETED, null, Instant.EPOCH.plusSeconds(1),
                AppliedBy.worker("worker-2"));

        Views.TransferView view = Views.TransferView.of(done);

        assertThat(view.appliedBy()).isEqualTo("worker/worker-2");
        assertThat(view.coordinator()).isEqualTo("narayana");
    }

    @Test
    void aQueuedTransferSaysNeither() {
        Views.TransferView view = Views.TransferView.of(QUEUED);

        assertThat(view.appliedBy()).isNull();
        assertThat(view.coordinator()).isNull();
    }

    @Test
    void theDocumentListsEveryCoordinator() throws Exception {
        // The record component's annotation, as the OpenAPI scanner reads it from the field.
        Schema schema = Views.TransferView.class.getDeclaredField("coordinator").getAnnotation(Schema.class);

        assertThat(schema.enumeration()).containsExactlyInAnyOrder(
                Arrays.stream(Coordinator.values()).map(Coordinator::wireName).toArray(String[]::new));
    }
}
