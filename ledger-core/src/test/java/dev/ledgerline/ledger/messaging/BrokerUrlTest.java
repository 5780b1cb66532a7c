package dev.ledgerline.ledger.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerUrlTest {

    @Test
    void oneBrokerIsItsHostAndPort() {
        assertThat(BrokerUrl.of("127.0.0.1", 61616)).isEqualTo("tcp://127.0.0.1:61616");
    }

    @Test
    void aPairListsBothBrokersAndTurnsFailoverOn() {
        assertThat(BrokerUrl.failover("tcp://127.0.0.1:61616", "tcp://127.0.0.1:61617"))
                .isEqualTo("(tcp://127.0.0.1:61616,tcp://127.0.0.1:61617)?ha=true&reconnectAttempts=30"
                        + "&retryInterval=500&retryIntervalMultiplier=1.5&maxRetryInterval=2000");
    }

    @Test
    void refusesAPortOutOfRangeAndABlankHost() {
        assertThatThrownBy(() -> BrokerUrl.of("127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("broker port must be between 1 and 65535, was 0");
        assertThatThrownBy(() -> BrokerUrl.of(" ", 61616)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("broker host must not be blank");
    }

    @Test
    void aPairTakesPlainUrlsOnly() {
        // Parameters of one broker would end up inside the list, where they would not mean what they say.
        assertThatThrownBy(() -> BrokerUrl.failover("tcp://127.0.0.1:61616?consumerWindowSize=0", "tcp://b:61617"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the primary's URL must be tcp://host:port and nothing more, was "
                        + "tcp://127.0.0.1:61616?consumerWindowSize=0");
        assertThatThrownBy(() -> BrokerUrl.failover("tcp://a:61616", "b:61617"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the backup's URL must be tcp://host:port");
        assertThatThrownBy(() -> BrokerUrl.failover("tcp://a:61616", "tcp://a:61616"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the backup's URL is the primary's: tcp://a:61616");
    }
}
