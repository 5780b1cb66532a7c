package dev.ledgerline.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.domain.TransferMode;

class PlannedTransferTest {

    @Test
    void aDrillsLoadIsKeyedByNameSeedAndIndexAmongTheDemoAccounts() {
        List<PlannedTransfer> plan = PlannedTransfer.amongDemoAccounts("drill", ModeMix.only(TransferMode.XA), 300, 42);

        assertThat(plan).hasSize(300);
        assertThat(plan.get(0).idempotencyKey()).isEqualTo("drill-42-0");
        assertThat(plan.get(299).idempotencyKey()).isEqualTo("drill-42-299");
        assertThat(plan).allSatisfy(t -> {
            assertThat(t.from()).matches("ACC-00[1-9]").isNotEqualTo(t.to());
            assertThat(t.to()).matches("ACC-00[1-9]");
            assertThat(new BigDecimal(t.amount())).isPositive()
                    .isLessThanOrEqualTo(BigDecimal.valueOf(PlannedTransfer.DEMO_MAX_AMOUNT_MINOR, 2));
            assertThat(t.mode()).isEqualTo(TransferMode.XA);
        });
    }

    @Test
    void aMixedLoadAlternatesXaAndIdempotentStartingWithXa() {
        List<PlannedTransfer> plan = PlannedTransfer.amongDemoAccounts("mixed", ModeMix.MIXED, 4, 1);

        assertThat(plan).extracting(PlannedTransfer::mode).containsExactly(
                TransferMode.XA, TransferMode.IDEMPOTENT, TransferMode.XA, TransferMode.IDEMPOTENT);
    }

    @Test
    void theSameSeedPlansTheSameTransfers() {
        assertThat(PlannedTransfer.amongDemoAccounts("d", ModeMix.MIXED, 50, 7))
                .isEqualTo(PlannedTransfer.amongDemoAccounts("d", ModeMix.MIXED, 50, 7));
    }

    @Test
    void mixesAreNamedAsTheReportsNameThem() {
        assertThat(ModeMix.MIXED.label()).isEqualTo("mixed");
        assertThat(ModeMix.only(TransferMode.AT_MOST_ONCE).label()).isEqualTo("at-most-once");
        assertThat(ModeMix.labelled("mixed")).contains(ModeMix.MIXED);
        assertThat(ModeMix.labelled("idempotent")).contains(ModeMix.only(TransferMode.IDEMPOTENT));
        assertThat(ModeMix.labelled("both")).isEmpty();
        assertThat(ModeMix.only(TransferMode.AT_LEAST_ONCE_NAIVE).isUnsafe()).isTrue();
        assertThat(ModeMix.MIXED.isUnsafe()).isFalse();
    }
}
