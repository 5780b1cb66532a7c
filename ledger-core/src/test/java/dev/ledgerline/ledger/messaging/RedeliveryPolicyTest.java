package dev.ledgerline.ledger.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RedeliveryPolicyTest {

    @Test
    void theDefaultPolicyRedeliversForFortyFiveSeconds() {
        // 8 deliveries, so 7 waits: 1, 2, 4, 8, then capped at 10, 10, 10 s.
        assertThat(RedeliveryPolicy.DEFAULT.redeliveryWindow()).isEqualTo(Duration.ofSeconds(45));
        assertThat(RedeliveryPolicy.DEFAULT).isEqualTo(new RedeliveryPolicy(8, 1_000, 2.0, 10_000));
    }

    @Test
    void eachWaitGrowsByTheMultiplierUpToTheCeiling() {
        var policy = new RedeliveryPolicy(6, 300, 3.0, 5_000);

        assertThat(policy.waitAfter(1)).isEqualTo(300);
        assertThat(policy.waitAfter(2)).isEqualTo(900);
        assertThat(policy.waitAfter(3)).isEqualTo(2_700);
        assertThat(policy.waitAfter(4)).isEqualTo(5_000);
        assertThat(policy.redeliveryWindow()).isEqualTo(Duration.ofMillis(300 + 900 + 2_700 + 5_000 + 5_000));
    }

    @Test
    void aWaitIsTruncatedToWholeMillisecondsAsTheBrokerTruncatesIt() {
        var policy = new RedeliveryPolicy(3, 10, 1.55, 1_000);

        assertThat(policy.waitAfter(2)).isEqualTo(15);
        assertThat(policy.redeliveryWindow()).isEqualTo(Duration.ofMillis(10 + 15));
    }

    @Test
    void aMessageDeliveredOnceIsNeverRedelivered() {
        assertThat(new RedeliveryPolicy(1, 1_000, 2.0, 10_000).redeliveryWindow()).isZero();
    }

    @Test
    void aHugeMultiplierStaysAtTheCeilingInsteadOfOverflowing() {
        var policy = new RedeliveryPolicy(200, 1_000, 1_000.0, 60_000);

        assertThat(policy.redeliveryWindow()).isEqualTo(Duration.ofMillis(1_000 + 198L * 60_000));
    }

    @Test
    void aPolicyThatWouldRedeliverForEverOrShrinkIsRefused() {
        assertThatThrownBy(() -> new RedeliveryPolicy(0, 1_000, 2.0, 10_000))
                .hasMessage("max delivery attempts must be at least 1, was 0");
        assertThatThrownBy(() -> new RedeliveryPolicy(8, 1_000, 0.5, 10_000))
                .hasMessage("redelivery multiplier must be at least 1.0, was 0.5");
        assertThatThrownBy(() -> new RedeliveryPolicy(8, 1_000, 2.0, 500))
                .hasMessage("max redelivery delay 500 ms is below the redelivery delay 1000 ms");
    }
}
