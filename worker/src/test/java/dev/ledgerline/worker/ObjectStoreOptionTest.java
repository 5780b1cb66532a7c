package dev.ledgerline.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import dev.ledgerline.worker.narayana.ObjectStoreKind;

import picocli.CommandLine.ParameterException;

/** --object-store: the file store unless told otherwise, the journal store by name in any case. */
class ObjectStoreOptionTest {

    @Test
    void theFileStoreIsTheDefault() {
        assumeTrue(System.getenv("LEDGERLINE_WORKER_OBJECT_STORE") == null, "the environment chooses a store");
        assertThat(parse().objectStore).isEqualTo(ObjectStoreKind.FILE);
    }

    @Test
    void theJournalStoreIsChosenByNameInAnyCase() {
        assertThat(parse("--object-store", "journal").objectStore).isEqualTo(ObjectStoreKind.JOURNAL);
        assertThat(parse("--object-store", "JOURNAL").objectStore).isEqualTo(ObjectStoreKind.JOURNAL);
    }

    @Test
    void anUnknownStoreIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> parse("--object-store", "jdbc"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("expected file or journal, got 'jdbc'");
    }

    private static RunCommand parse(String... options) {
        return RunCommandParsing.parse(options);
    }
}
