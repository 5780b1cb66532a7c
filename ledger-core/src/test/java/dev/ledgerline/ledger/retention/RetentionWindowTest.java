package dev.ledgerline.ledger.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.messaging.RedeliveryPolicy;

class RetentionWindowTest {

    @Test
    void aWindowLongerThanTheRedeliveryWindowIsAccepted() {
        var window = RetentionWindow.longerThanRedelivery(Duration.ofMillis(45_001), RedeliveryPolicy.DEFAULT);

        assertThat(window.length()).isEqualTo(Duration.ofMillis(45_001));
        assertThat(window.cutoff(Instant.parse("2026-12-02T10:00:00Z"))).isEqualTo(Instant.parse("2026-12-02T09:59:14.999Z"));
    }

    @Test
    void aWindowNoLongerThanTheRedeliveryWindowIsRefusedNamingBoth() {
        assertThatThrownBy(() -> RetentionWindow.longerThanRedelivery(Duration.ofSeconds(45), RedeliveryPolicy.DEFAULT))
                .isInstanceOfSatisfying(RetentionWindow.TooShortException.class, e -> {
                    assertThat(e.window()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(e.minimum()).isEqualTo(Duration.ofSeconds(45));
                })
                .hasMessageContaining("a retention window of 45000 ms is not longer than the broker's redelivery"
                        + " window of 45000 ms (8 deliveries, waits from 1000 ms times 2.0 up to 10000 ms)");
    }

    @Test
    void theMinimumFollowsThePolicyTheBrokerIsGiven() {
        var fast = new RedeliveryPolicy(3, 100, 2.0, 1_000);

        assertThat(RetentionWindow.longerThanRedelivery(Duration.ofMillis(301), fast).length()).isEqualTo(Duration.ofMillis(301));
        assertThatThrownBy(() -> RetentionWindow.longerThanRedelivery(Duration.ofMillis(300), fast))
                .isInstanceOf(RetentionWindow.TooShortException.class);
    }

    @Test
    void aWindowMustBePositive() {
        assertThatThrownBy(() -> new RetentionWindow(Duration.ZERO)).hasMessage("a retention window must be positive, not PT0S");
        assertThatThrownBy(() -> new RetentionWindow(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
