package dev.ledgerline.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.messaging.BrokerUrl;

import picocli.CommandLine.ParameterException;

/** One broker by default; with --broker-backup-url, the pair's URL with its failover settings. */
class ConnectionOptionsTest {

    @Test
    void withoutABackupTheWorkerConnectsToTheOneBroker() {
        assertThat(parse("--broker-url", "tcp://127.0.0.1:61616?consumerWindowSize=0").brokerConnectionUrl())
                .isEqualTo("tcp://127.0.0.1:61616?consumerWindowSize=0");
    }

    @Test
    void withABackupTheWorkerFailsOverBetweenThePair() {
        assertThat(parse("--broker-url", "tcp://127.0.0.1:61616", "--broker-backup-url", "tcp://127.0.0.1:61617")
                .brokerConnectionUrl())
                .isEqualTo(BrokerUrl.failover("tcp://127.0.0.1:61616", "tcp://127.0.0.1:61617"));
    }

    @Test
    void aBackupNextToAUrlWithParametersIsRefusedWithTheReason() {
        ConnectionOptions options = parse("--broker-url", "tcp://127.0.0.1:61616?consumerWindowSize=0",
                "--broker-backup-url", "tcp://127.0.0.1:61617");
        assertThatThrownBy(options::brokerConnectionUrl)
                .isInstanceOf(ParameterException.class)
                .hasMessage("--broker-url and --broker-backup-url: the primary's URL must be tcp://host:port and "
                        + "nothing more, was tcp://127.0.0.1:61616?consumerWindowSize=0");
    }

    private static ConnectionOptions parse(String... brokerArgs) {
        return RunCommandParsing.parse(brokerArgs).connection;
    }
}
