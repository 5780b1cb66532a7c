package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.idempotent.RetryPolicy;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(80));

    @Test
    void theLongestWaitDoublesWithEachRetryUpToTheCap() {
        assertThat(policy.backoff(1, FixedDraw.top())).isEqualTo(Duration.ofMillis(10));
        assertThat(policy.backoff(2, FixedDraw.top())).isEqualTo(Duration.ofMillis(20));
        assertThat(policy.backoff(3, FixedDraw.top())).isEqualTo(Duration.ofMillis(40));
        assertThat(policy.backoff(4, FixedDraw.top())).isEqualTo(Duration.ofMillis(80));
        assertThat(policy.backoff(9, FixedDraw.top())).isEqualTo(Duration.ofMillis(80));
    }

    @Test
    void theWaitIsDrawnFromZeroUpToTheCeiling() {
        assertThat(policy.backoff(3, FixedDraw.bottom())).isZero();
        var random = new Random(1);
        for (int i = 0; i < 1_000; i++) {
            assertThat(policy.backoff(2, random)).isBetween(Duration.ZERO, Duration.ofMillis(20));
        }
    }

    @Test
    void aCapNearTheLargestDurationDoesNotOverflow() {
        var huge = new RetryPolicy(100, Duration.ofMillis(1), Duration.ofNanos(Long.MAX_VALUE - 1));

        assertThat(huge.backoff(99, FixedDraw.top())).isEqualTo(Duration.ofNanos(Long.MAX_VALUE - 1));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(2), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
