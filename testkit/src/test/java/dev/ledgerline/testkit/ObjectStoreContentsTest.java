package dev.ledgerline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Narayana's file layout, as the worker's object store holds it after a crash (paths copied from a drill). */
class ObjectStoreContentsTest {

    private static final String STORE = "ShadowNoFileLockStore/defaultStore";

    @TempDir
    Path store;

    @Test
    void listsTransactionRecordsAndNothingElse() throws Exception {
        Path record = file(STORE + "/StateManager/BasicAction/TwoPhaseCoordinator/AtomicAction/0_ffff7f000001_b39f_6b060523_bc");
        Path heuristic = file(STORE + "/StateManager/BasicAction/TwoPhaseCoordinator/AtomicAction/Heuristic/0_ffff7f000001_1");
        file(STORE + "/Recovery/TransactionStatusManager/0_ffff7f000001_b39f_6b060523_12");

        assertThat(ObjectStoreContents.transactionRecords(store)).containsExactly(record.toString(), heuristic.toString());
    }

    @Test
    void aMissingStoreHoldsNothing() {
        assertThat(ObjectStoreContents.transactionRecords(store.resolve("never-created"))).isEmpty();
    }

    private Path file(String relative) throws Exception {
        Path path = store.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "#");
    }
}
