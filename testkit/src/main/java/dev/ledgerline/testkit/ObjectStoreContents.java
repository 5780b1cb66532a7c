package dev.ledgerline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.activemq.artemis.core.io.nio.NIOSequentialFileFactory;
import org.apache.activemq.artemis.core.journal.PreparedTransactionInfo;
import org.apache.activemq.artemis.core.journal.RecordInfo;
import org.apache.activemq.artemis.core.journal.impl.JournalImpl;

/**
 * What a Narayana object store (a coordinator's transaction log on disk) still holds. A transaction's log
 * record lives there from its commit decision until every branch has ended; one left after recovery means a
 * transaction recovery could not finish (invariant 5 of docs/design.md). Read from the files alone, so that it
 * works while the coordinator is down and needs no Narayana on the class path: the file store's records are
 * files, the journal store's are records of an Artemis journal under {@code journal/}.
 */
public final class ObjectStoreContents {

    /** Where Narayana's stores file the records of its two-phase transactions, by type name. */
    private static final String ATOMIC_ACTION_TYPE = "/StateManager/BasicAction/TwoPhaseCoordinator/AtomicAction";
    private static final Path ATOMIC_ACTIONS = Path.of("StateManager", "BasicAction", "TwoPhaseCoordinator", "AtomicAction");

    /**
     * The journal store's directory under the object store (the worker's TransactionServices.journalDir), and
     * the journal layout Narayana's HornetqJournalEnvironmentBean defaults to, which the worker keeps: a journal
     * is only readable with the file size, prefix and extension it was written with.
     */
    private static final String JOURNAL_DIR = "journal";
    private static final int JOURNAL_FILE_SIZE = 2 * 1024 * 1024;
    private static final String JOURNAL_PREFIX = "jbossts";
    private static final String JOURNAL_EXTENSION = "txlog";

    private ObjectStoreContents() {
    }

    /**
     * The transaction records under an object store directory (the worker's {@code <data-dir>/tx-object-store}),
     * whatever the store's type: a file store's record files (their paths), a journal store's live records
     * ("journal record N"); empty if the directory does not exist.
     */
    public static List<String> transactionRecords(Path objectStoreDir) {
        if (!Files.isDirectory(objectStoreDir)) {
            return List.of();
        }
        List<String> records = new ArrayList<>(recordFiles(objectStoreDir));
        Path journal = objectStoreDir.resolve(JOURNAL_DIR);
        if (Files.isDirectory(journal)) {
            records.addAll(journalRecords(journal));
        }
        return List.copyOf(records);
    }

    private static List<String> recordFiles(Path objectStoreDir) {
        try (Stream<Path> files = Files.walk(objectStoreDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> underAtomicActions(objectStoreDir.relativize(file)))
                    .sorted()
                    .map(Path::toString)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the object store " + objectStoreDir, e);
        }
    }

    /**
     * The live transaction records of a journal store. Read from a copy: loading a journal may create or
     * clean up files, and the store belongs to a worker that will load it again at its next start.
     */
    private static List<String> journalRecords(Path journalDir) {
        Path copy = null;
        try {
            copy = Files.createTempDirectory("object-store-journal");
            try (Stream<Path> files = Files.list(journalDir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            JournalImpl journal = new JournalImpl(JOURNAL_FILE_SIZE, 2, 2, 0, 0,
                    new NIOSequentialFileFactory(copy.toFile(), 1), JOURNAL_PREFIX, JOURNAL_EXTENSION, 1);
            List<RecordInfo> live = new ArrayList<>();
            journal.start();
            try {
                journal.load(live, new ArrayList<PreparedTransactionInfo>(), (id, records, deletes) -> {
                });
            } finally {
                journal.stop();
            }
            // Each record holds its Uid, then its type name as a string, then the state.
            byte[] type = ATOMIC_ACTION_TYPE.getBytes(StandardCharsets.UTF_8);
            return live.stream().filter(r -> contains(r.data, type)).map(r -> "journal record " + r.id).toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the journal object store " + journalDir + ": " + e, e);
        } finally {
            deleteQuietly(copy);
        }
    }

    private static boolean contains(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary copy left behind costs some megabytes of the temporary directory, nothing else.
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
