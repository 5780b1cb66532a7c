package dev.ledgerline.worker.narayana;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.state.OutputObjectState;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqJournalEnvironmentBean;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqJournalStore;

import dev.ledgerline.testkit.ObjectStoreContents;

/**
 * The drills' check that no transaction record is left (ObjectStoreContents) reads the journal store as
 * Narayana's own journal store writes it, in the directory the worker gives it.
 */
class JournalObjectStoreTest {

    private static final String ATOMIC_ACTION = "/StateManager/BasicAction/TwoPhaseCoordinator/AtomicAction";

    @TempDir
    Path objectStore;

    @Test
    void aTransactionRecordIsSeenUntilNarayanaRemovesIt() throws Exception {
        Uid logged = new Uid();
        Uid ended = new Uid();
        HornetqJournalStore store = start();
        store.write_committed(logged, ATOMIC_ACTION, state(logged));
        store.write_committed(ended, ATOMIC_ACTION, state(ended));
        Uid other = new Uid();
        store.write_committed(other, "/Recovery/TransactionStatusManager", state(other));
        store.remove_committed(ended, ATOMIC_ACTION);
        store.stop();

        assertThat(ObjectStoreContents.transactionRecords(objectStore)).hasSize(1);

        store = start();
        store.remove_committed(logged, ATOMIC_ACTION);
        store.stop();
        assertThat(ObjectStoreContents.transactionRecords(objectStore)).isEmpty();
    }

    private HornetqJournalStore start() throws Exception {
        HornetqJournalEnvironmentBean settings = new HornetqJournalEnvironmentBean();
        settings.setStoreDir(TransactionServices.journalDir(objectStore).toString());
        HornetqJournalStore store = new HornetqJournalStore(settings);
        store.start();
        return store;
    }

    private static OutputObjectState state(Uid uid) throws Exception {
        OutputObjectState state = new OutputObjectState(uid, ATOMIC_ACTION);
        state.packString("the state of " + uid);
        return state;
    }
}
