package dev.ledgerline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ledgerline.harness.load.PlannedTransfer;
import dev.ledgerline.ledger.domain.TransferMode;

class WorkloadTest {

    @Test
    void everyPlannedTransferIsBetweenTwoDistinctAccountsOfTheWorkloadWithinTheAmountLimit() {
        for (Workload workload : Workload.values()) {
            List<PlannedTransfer> plan = workload.plan("k-", TransferMode.XA, 2_000, 7);
            assertThat(plan).hasSize(2_000).allSatisfy(t -> {
                assertThat(t.from()).isNotEqualTo(t.to());
                assertThat(workload.accounts()).contains(t.from(), t.to());
                BigDecimal amount = new BigDecimal(t.amount());
                assertThat(amount).isPositive().isLessThanOrEqualTo(BigDecimal.valueOf(Workload.MAX_AMOUNT_MINOR, 2));
                assertThat(t.mode()).isEqualTo(TransferMode.XA);
            });
            assertThat(plan.stream().map(PlannedTransfer::idempotencyKey).distinct()).hasSize(2_000);
        }
    }

    @Test
    void theSameSeedPlansTheSameTransfers() {
        assertThat(Workload.CONTENDED.plan("k-", TransferMode.IDEMPOTENT, 50, 3))
                .isEqualTo(Workload.CONTENDED.plan("k-", TransferMode.IDEMPOTENT, 50, 3));
    }

    @Test
    void theUniformWorkloadSpreadsOverAThousandAccounts() {
        assertThat(Workload.UNIFORM.accounts()).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(Workload.UNIFORM.plan("k-", TransferMode.XA, 5_000, 1).stream().map(PlannedTransfer::from).distinct().count())
                .isGreaterThan(900);
    }
}
