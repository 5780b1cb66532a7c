package dev.ledgerline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a Narayana object store (a coordinator's transaction log on disk) still holds. A transaction's log
 * record lives there from its commit decision until every branch has ended; one left after recovery means a
 * transaction recovery could not finish (invariant 5 of docs/design.md). Read from the files alone, so that it
 * works while the coordinator is down and needs no Narayana on the class path.
 */
public final class ObjectStoreContents {

    /** Where Narayana's default (shadowing file) store keeps the records of its two-phase transactions. */
    private static final Path ATOMIC_ACTIONS = Path.of("StateManager", "BasicAction", "TwoPhaseCoordinator", "AtomicAction");

    private ObjectStoreContents() {
    }

    /**
     * The transaction records under an object store directory (the worker's {@code <data-dir>/tx-object-store}),
     * whatever the store's type and name below it; empty if the directory does not exist.
     */
    public static List<Path> transactionRecords(Path objectStoreDir) {
        if (!Files.isDirectory(objectStoreDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(objectStoreDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> underAtomicActions(objectStoreDir.relativize(file)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the object store " + objectStoreDir, e);
        }
    }

    /** A file anywhere below an AtomicAction folder, its subfolders included. */
    private static boolean underAtomicActions(Path relative) {
        for (int i = 0; i + ATOMIC_ACTIONS.getNameCount() <= relative.getNameCount() - 1; i++) {
            if (relative.subpath(i, i + ATOMIC_ACTIONS.getNameCount()).equals(ATOMIC_ACTIONS)) {
                return true;
            }
        }
        return false;
    }
}
