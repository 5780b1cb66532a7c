package dev.ledgerline.worker.narayana;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

import jakarta.transaction.TransactionManager;

import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.common.recoveryPropertyManager;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqJournalEnvironmentBean;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqObjectStoreAdaptor;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.JTAEnvironmentBean;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;

/**
 * Narayana in a plain JVM: its settings, its transaction manager and its recovery manager. Each setting
 * below avoids a trap that makes recovery silently do nothing or never finish:
 * <ul>
 * <li>the node identifier is written into every Xid, and recovery touches only branches of the nodes listed
 * in {@code xaRecoveryNodes}: both are this worker's node id, so each worker recovers its own branches and
 * a second worker on the same broker leaves them alone;</li>
 * <li>the object store (the transaction log) goes under the worker's data directory, not into a folder
 * relative to wherever the process was started;</li>
 * <li>branches carry their resource manager's name ({@link NamedResourcesPlugin}), so that a log whose
 * branches have all ended is deleted;</li>
 * <li>the recovery helpers are added before the recovery thread's first scan, which otherwise finds no
 * resource and forgets nothing.</li>
 * </ul>
 * Narayana reads its settings once, when its classes first load: {@link #configure} must come first.
 */
public final class TransactionServices implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TransactionServices.class.getName());

    private final RecoveryManager recovery;

    private TransactionServices(RecoveryManager recovery) {
        this.recovery = recovery;
    }

    /**
     * Configures Narayana and starts recovery with the given helpers.
     *
     * @param recoveryPeriod  time between recovery scans, or null for Narayana's default (120 s)
     * @param recoveryBackoff time between a scan's two passes, or null for Narayana's default (10 s)
     */
    public static TransactionServices start(String nodeId, Path objectStoreDir, ObjectStoreKind store,
                                            Duration recoveryPeriod, Duration recoveryBackoff,
                                            List<XAResourceRecoveryHelper> helpers) {
        configure(nodeId, objectStoreDir, store, recoveryPeriod, recoveryBackoff);

        RecoveryManager.delayRecoveryManagerThread();
        RecoveryManager manager = RecoveryManager.manager();
        XARecoveryModule xaModule = XARecoveryModule.getRegisteredXARecoveryModule();
        if (xaModule == null) {
            throw new IllegalStateException("Narayana's XA recovery module is not registered: check jbossts-properties.xml");
        }
        helpers.forEach(xaModule::addXAResourceRecoveryHelper);
        manager.startRecoveryManagerThread();
        LOG.info("transaction recovery started: node " + nodeId + ", " + store.name().toLowerCase(java.util.Locale.ROOT)
                + " log in " + objectStoreDir + ", scan every "
                + recoveryPropertyManager.getRecoveryEnvironmentBean().getPeriodicRecoveryPeriod() + " s, passes "
                + recoveryPropertyManager.getRecoveryEnvironmentBean().getRecoveryBackoffPeriod() + " s apart");
        return new TransactionServices(manager);
    }

    public TransactionManager transactionManager() {
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    /** The directory Narayana keeps its transaction log in, under the worker's data directory. */
    public static Path objectStoreDir(Path dataDir) {
        return dataDir.resolve("tx-object-store");
    }

    /** Where the journal store's files go, under the object store directory. */
    public static Path journalDir(Path objectStoreDir) {
        return objectStoreDir.resolve("journal");
    }

    /** Stops recovery, letting a scan in progress finish. */
    @Override
    public void close() {
        recovery.terminate(false);
        LOG.info("transaction recovery stopped");
    }

    private static void configure(String nodeId, Path objectStoreDir, ObjectStoreKind store, Duration period,
                                  Duration backoff) {
        try {
            arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier(nodeId);
        } catch (CoreEnvironmentBeanException e) {
            throw new IllegalArgumentException("node id '" + nodeId + "' is not usable by Narayana: " + e.getMessage(), e);
        }
        // Every store (the default, "stateStore", "communicationStore") under one directory.
        arjPropertyManager.getObjectStoreEnvironmentBean().setObjectStoreDir(objectStoreDir.toString());
        if (store == ObjectStoreKind.JOURNAL) {
            // The transactions' store only (the unnamed default and "default"); the communication store stays
            // in files, as in Narayana's own example of this store. The journal keeps Artemis's defaults:
            // syncWrites and syncDeletes on, so a record is forced before its transaction goes on.
            HornetqJournalEnvironmentBean journal = BeanPopulator.getDefaultInstance(HornetqJournalEnvironmentBean.class);
            journal.setStoreDir(journalDir(objectStoreDir).toString());
            // NIO: the worker does not put libaio's JNI library on its path, and asking for AIO without it
            // only adds a warning (ARJUNA012393) before the same fallback.
            journal.setAsyncIO(false);
            String type = HornetqObjectStoreAdaptor.class.getName();
            BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreType(type);
            BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "default").setObjectStoreType(type);
        }

        JTAEnvironmentBean jta = jtaPropertyManager.getJTAEnvironmentBean();
        jta.setXaRecoveryNodes(List.of(nodeId));
        jta.setXAResourceRecordWrappingPlugin(new NamedResourcesPlugin());

        var recoveryBean = recoveryPropertyManager.getRecoveryEnvironmentBean();
        if (period != null) {
            recoveryBean.setPeriodicRecoveryPeriod(Math.toIntExact(period.toSeconds()));
        }
        if (backoff != null) {
            recoveryBean.setRecoveryBackoffPeriod(Math.toIntExact(backoff.toSeconds()));
        }
        // No recovery listener socket (Narayana's default port is 4712): nothing outside this process drives
        // its recovery, and two workers on one machine would fight over the port.
        recoveryBean.setRecoveryListener(false);
        recoveryBean.setRecoveryPort(0);
    }
}
