package dev.ledgerline.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.messaging.RedeliveryPolicy;

/** The retention window the server accepts, against the broker's redelivery policy it is told. */
class RetentionSettingsTest {

    /** The settings as their defaults make them, with the given retention window. */
    private static LedgerSettings settings(long retentionWindowMillis) {
        var settings = new LedgerSettings();
        settings.retentionWindowMillis = retentionWindowMillis;
        settings.brokerMaxDeliveryAttempts = 8;
        settings.brokerRedeliveryDelayMillis = 1_000;
        settings.brokerRedeliveryMultiplier = 2.0;
        settings.brokerMaxRedeliveryDelayMillis = 10_000;
        return settings;
    }

    @Test
    void theDefaultWindowIsLongerThanTheDefaultRedeliveryWindow() {
        // The annotation's default, read back rather than repeated, so that a change to either is caught here.
        long defaultWindow = Long.parseLong(defaultOf("retentionWindowMillis"));
        var settings = settings(defaultWindow);

        assertThat(settings.brokerRedeliveryPolicy()).isEqualTo(RedeliveryPolicy.DEFAULT);
        assertThat(settings.retentionWindow().length()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aWindowNoLongerThanTheRedeliveryWindowIsRefusedNamingTheSettingTheValueAndTheMinimum() {
        assertThatThrownBy(() -> settings(45_000).retentionWindow())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ledgerline.retention.window-ms is 45000 ms; it must be more than 45000 ms,"
                        + " the broker's redelivery window (8 deliveries, waits from 1000 ms times 2.0 up to 10000 ms)");
    }

    @Test
    void theMinimumFollowsTheBrokersPolicy() {
        var settings = settings(5_000);
        assertThatThrownBy(settings::retentionWindow).hasMessageContaining("must be more than 45000 ms");

        // A broker told to give up sooner: 3 deliveries, waits of 500 and 1000 ms.
        settings.brokerMaxDeliveryAttempts = 3;
        settings.brokerRedeliveryDelayMillis = 500;

        assertThat(settings.retentionWindow().length()).isEqualTo(Duration.ofSeconds(5));
        settings.retentionWindowMillis = 1_500;
        assertThatThrownBy(settings::retentionWindow).hasMessageContaining("must be more than 1500 ms");
    }

    @Test
    void aNonPositiveWindowOrAnInvalidPolicyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> settings(0).retentionWindow())
                .hasMessageStartingWith("ledgerline.retention.window-ms is 0 ms");
        var settings = settings(600_000);
        settings.brokerMaxDeliveryAttempts = 0;
        assertThatThrownBy(settings::retentionWindow)
                .hasMessageContaining("ledgerline.broker.max-delivery-attempts")
                .hasMessageContaining("max delivery attempts must be at least 1, was 0");
    }

    private static String defaultOf(String field) {
        try {
            return LedgerSettings.class.getDeclaredField(field)
                    .getAnnotation(org.eclipse.microprofile.config.inject.ConfigProperty.class).defaultValue();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
