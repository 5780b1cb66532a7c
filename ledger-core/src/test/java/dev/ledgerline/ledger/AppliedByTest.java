package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Coordinator;

class AppliedByTest {

    @Test
    void aServerAndAWorkerAreNamedByKindAndName() {
        assertThat(AppliedBy.liberty("ledgerline-1", Coordinator.LIBERTY_TM))
                .isEqualTo(new AppliedBy("liberty/ledgerline-1", Coordinator.LIBERTY_TM));
        assertThat(AppliedBy.worker("worker-1")).isEqualTo(new AppliedBy("worker/worker-1", Coordinator.NARAYANA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ledger line", "-ledgerline", "../ledgerline", "ledgerline/1", "s\u00e9rveur",
            "a-name-of-sixty-five-characters-which-is-one-more-than-allowed-xx"})
    void aNameThatIsNotAPlainIdentifierIsRefusedSayingWhatIsAllowed(String name) {
        assertThatThrownBy(() -> AppliedBy.liberty(name, Coordinator.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("must be 1 to 64 letters, digits")
                .hasMessageEndingWith("was '" + name + "'");
    }

    @Test
    void theWireNamesAreWhatTheDatabaseAndTheApiHold() {
        assertThat(Coordinator.LIBERTY_TM.wireName()).isEqualTo("liberty-tm");
        assertThat(Coordinator.NARAYANA.wireName()).isEqualTo("narayana");
        assertThat(Coordinator.NONE.wireName()).isEqualTo("none");
        assertThat(Coordinator.fromWireName("narayana")).contains(Coordinator.NARAYANA);
        assertThat(Coordinator.fromWireName("NARAYANA")).isEmpty();
    }
}
