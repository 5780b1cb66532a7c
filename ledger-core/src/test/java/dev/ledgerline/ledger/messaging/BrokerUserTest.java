package dev.ledgerline.ledger.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerUserTest {

    @Test
    void thePasswordComesFromTheUsersOwnVariable() {
        Map<String, String> environment = Map.of(
                "LEDGERLINE_BROKER_SERVER_PASSWORD", "server-secret",
                "LEDGERLINE_BROKER_WORKER_PASSWORD", "worker-secret");
        assertThat(BrokerUser.SERVER.password(environment)).isEqualTo("server-secret");
        assertThat(BrokerUser.WORKER.password(environment)).isEqualTo("worker-secret");
        assertThat(BrokerUser.TOOLS.password(environment)).isEqualTo(BrokerUser.TOOLS.demoPassword());
    }

    @Test
    void anEmptyVariableFallsBackToTheDemoPassword() {
        assertThat(BrokerUser.TOOLS.password(Map.of("LEDGERLINE_BROKER_TOOLS_PASSWORD", "")))
                .isEqualTo(BrokerUser.TOOLS.demoPassword());
    }

    @Test
    void everyUserHasANameAVariableAndADemoPasswordOfItsOwn() {
        // A shared password would let one kind of client log in as another.
        assertThat(Arrays.stream(BrokerUser.values()).map(BrokerUser::userName)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(BrokerUser.values()).map(BrokerUser::passwordVariable)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(BrokerUser.values()).map(BrokerUser::demoPassword)).doesNotHaveDuplicates();
    }
}
