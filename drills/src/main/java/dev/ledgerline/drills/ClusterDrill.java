package dev.ledgerline.drills;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

import dev.ledgerline.harness.Installation;
import dev.ledgerline.harness.check.RunChecker;
import dev.ledgerline.harness.client.TransferClient;
import dev.ledgerline.harness.cluster.BrokerAddress;
import dev.ledgerline.harness.cluster.ClusterLayout;
import dev.ledgerline.harness.cluster.ClusterUnderTest;
import dev.ledgerline.harness.database.DatabaseUnderTest;
import dev.ledgerline.harness.database.LedgerCounts;
import dev.ledgerline.harness.liberty.LibertyUnderTest;
import dev.ledgerline.harness.load.History;
import dev.ledgerline.harness.load.LoadGenerator;
import dev.ledgerline.harness.load.PlannedTransfer;
import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.BrokerPair;
import dev.ledgerline.testkit.FreePort;
import dev.ledgerline.testkit.ObjectStoreContents;
import dev.ledgerline.testkit.PostgresServer;
import dev.ledgerline.testkit.WorkerProcess;

/**
 * A drill on a cluster of two Liberty servers behind the load balancer, their transaction logs in PostgreSQL in
 * one recovery group: server 1 dies under load, halted at an XA crash point ({@link #peerRecoversCrashedServer})
 * or by SIGKILL with requests in flight ({@link #killServerUnderLoad}), and is never started again; server 2
 * must take over its log (Liberty's peer recovery) and complete or roll back its transactions, while the load
 * goes on through the load balancer and the clients retry what failed with the same idempotency keys. The
 * drill measures how long that takes.
 */
final class ClusterDrill {

    private static final int SERVERS = 2;
    private static final int DEAD = 1;
    private static final int PEER = 2;
    /** Liberty's word that the peer has finished with the dead server's log (a WTRN0108I). */
    private static final String PEER_RECOVERED = "has recovered the logs of peer server ";
    private static final int WORKER_CONSUMERS = 2;
    /** The armed worker shares the queue with the server's consumers: it halts at its fifth pass. */
    private static final long WORKER_SKIP = 4;
    /** The soak's plan: more than its clients can send in its time; the rest is dropped when it ends. */
    private static final int SOAK_TRANSFERS_PER_SECOND = 50;
    /**
     * The soak's pause between kills, 20 to 40 s, after the killed process is back: a server takes about a
     * minute to start again on two cores, and its peer recovers its log about 20 s after its death.
     */
    private static final int SOAK_MIN_PAUSE_MS = 20_000;
    private static final int SOAK_PAUSE_SPREAD_MS = 20_000;

    private final Installation installation;
    private final Drill drill;
    private final Path runDir;
    private final DatabaseUnderTest db;
    private final long seed;

    ClusterDrill(Installation installation, Drill drill, Path runDir, DatabaseUnderTest db, long seed) {
        this.installation = installation;
        this.drill = drill;
        this.runDir = runDir;
        this.db = db;
        this.seed = seed;
    }

    /** Server 1 halts itself at the drill's armed crash point. */
    DrillOutcome peerRecoversCrashedServer(MoneyTimeline timeline, List<String> notes) throws Exception {
        return underCluster(timeline, notes, true, (dead, load) -> DrillRunner.awaitCrash(dead, drill));
    }

    /** Server 1 gets SIGKILL once a third of the load is accepted, with requests in flight through the load balancer. */
    DrillOutcome killServerUnderLoad(MoneyTimeline timeline, List<String> notes) throws Exception {
        return underCluster(timeline, notes, false, (dead, load) -> {
            await("a third of the load accepted").atMost(DrillRunner.CRASH_DEADLINE)
                    .until(() -> load.history().accepted().size() >= DrillRunner.TRANSFERS / 3);
            dead.kill();
        });
    }

    /**
     * One server and two workers consume {@code transfers.xa} together; worker 1 halts at the drill's armed crash
     * point. The server and worker 2 go on with the queue; worker 1's own transactions wait for worker 1, which
     * is started again with its node identifier and object store: only it can recover them.
     */
    DrillOutcome workerRecoversItself(MoneyTimeline timeline, List<String> notes) throws Exception {
        try (RestartableBroker broker = RestartableBroker.start(runDir.resolve("broker"), FreePort.pick());
             ClusterUnderTest cluster = ClusterUnderTest.prepare(installation, runDir, db, BrokerAddress.single(broker.port()),
                     ClusterLayout.freePorts(1, 2), Map.of())) {
            cluster.startWithFirstWorkerArmed(WORKER_CONSUMERS, Map.of(
                    CrashPoints.POINT_PROPERTY, drill.point().pointName(),
                    CrashPoints.SKIP_PROPERTY, String.valueOf(WORKER_SKIP)));
            TransferClient client = cluster.client();
            timeline.start(db::totals);
            timeline.mark("load starts");
            History history;
            try (LoadGenerator load = load(client)) {
                load.start();
                WorkerProcess armed = cluster.worker(1);
                if (armed.awaitExit(DrillRunner.CRASH_DEADLINE).isEmpty()
                        || !Files.readString(cluster.workerLog()).contains("crash point " + drill.pointName() + " reached")) {
                    throw new DrillAborted("worker 1 did not halt at " + drill.pointName() + " within "
                            + DrillRunner.CRASH_DEADLINE.toSeconds() + " s");
                }
                timeline.mark("crash");
                notes.add(DrillRunner.stateAtCrash(db, broker.url()) + ", "
                        + workerRecords(cluster, 1) + " record(s) in worker 1's Narayana log");
                history = load.awaitDone();
            }
            notes.add("while worker 1 was down: " + finalCount(client, history) + " of " + history.accepted().size()
                    + " accepted transfers final, applied by the server and worker 2");
            cluster.restartWorker(1);
            timeline.mark("restart");
            if (DrillRunner.awaitRecovered(client, history, broker.url(), DrillRunner.RECOVERY_DEADLINE)
                    && awaitNothingPrepared() && awaitEmptyObjectStore(cluster, 1)) {
                timeline.mark("recovered");
                timeline.between("restart", "recovered").ifPresent(ms -> notes.add(
                        "worker 1 recovered its own transactions " + ms / 1000.0 + " s after its restart"));
            } else {
                notes.add("not recovered within " + DrillRunner.RECOVERY_DEADLINE.toSeconds() + " s of the restart");
            }
            timeline.close();
            cluster.server(1).stop();
            boolean serverClean = cluster.server(1).stoppedWithNothingToRecover();
            long left = workerRecords(cluster, 1) + workerRecords(cluster, 2);
            InvariantResult coordinator = RunChecker.coordinatorLog(left + (serverClean ? 0 : 1),
                    left > 0 ? left + " record(s) left in the workers' Narayana logs"
                            : "the server's final stop did not report an empty transaction log (no WTRN0105I)",
                    "both workers' Narayana logs empty; the server stopped with nothing to recover");
            return check(broker.url(), history, coordinator, notes);
        }
    }

    /**
     * A server and a worker on a broker pair: the primary gets SIGKILL once a third of the load is accepted, the
     * backup takes over and every client fails over to it (the resource adapter, the worker, the load's checks);
     * once the load is done the primary is started again and takes its role back (fail-back), and the clients
     * follow it.
     */
    DrillOutcome brokerFailsOverAndBack(MoneyTimeline timeline, List<String> notes) throws Exception {
        try (BrokerPair brokers = BrokerPair.start(runDir.resolve("brokers"), FreePort.pick(), FreePort.pick());
             ClusterUnderTest cluster = ClusterUnderTest.prepare(installation, runDir, db, BrokerAddress.of(brokers),
                     ClusterLayout.freePorts(1, 1), Map.of())) {
            cluster.start(WORKER_CONSUMERS);
            String brokerUrl = BrokerAddress.of(brokers).clientUrl();
            TransferClient client = cluster.client();
            timeline.start(db::totals);
            timeline.mark("load starts");
            History history;
            try (LoadGenerator load = load(client)) {
                load.start();
                await("a third of the load accepted").atMost(DrillRunner.CRASH_DEADLINE)
                        .until(() -> load.history().accepted().size() >= DrillRunner.TRANSFERS / 3);
                brokers.primary().kill();
                timeline.mark("crash");
                brokers.awaitBackupActive();
                timeline.mark("backup active");
                timeline.between("crash", "backup active").ifPresent(ms -> notes.add(
                        "the backup served clients " + ms / 1000.0 + " s after the primary's SIGKILL"));
                history = load.awaitDone();
            }
            timeline.mark("primary restarts");
            brokers.restartPrimary();
            timeline.mark("primary active again");
            timeline.between("primary restarts", "primary active again").ifPresent(ms -> notes.add(
                    "the restarted primary took its role back, its backup in sync, in " + ms / 1000.0 + " s"));
            if (DrillRunner.awaitRecovered(client, history, brokerUrl, DrillRunner.RECOVERY_DEADLINE)
                    && awaitNothingPrepared() && awaitEmptyObjectStore(cluster, 1)) {
                timeline.mark("recovered");
            } else {
                notes.add("not recovered within " + DrillRunner.RECOVERY_DEADLINE.toSeconds() + " s of the fail-back");
            }
            timeline.close();
            cluster.server(1).stop();
            boolean serverClean = cluster.server(1).stoppedWithNothingToRecover();
            long left = workerRecords(cluster, 1);
            InvariantResult coordinator = RunChecker.coordinatorLog(left + (serverClean ? 0 : 1),
                    left > 0 ? left + " record(s) left in the worker's Narayana log"
                            : "the server's final stop did not report an empty transaction log (no WTRN0105I)",
                    "the worker's Narayana log empty; the server stopped with nothing to recover");
            return check(brokerUrl, history, coordinator, notes);
        }
    }

    /**
     * The cluster soak: both designs through the load balancer on two servers, a worker and a broker pair, while
     * every so often one process of the cluster, chosen at random (either server, the worker, the active
     * broker or its backup), gets SIGKILL and is started again; after {@code length}, recovery and the checker.
     * A server killed comes back under the same identity: it takes its log back if its peer has not recovered
     * it yet. A killed primary broker is restarted for fail-back; a killed backup is restarted as the backup.
     */
    DrillOutcome soak(MoneyTimeline timeline, List<String> notes, Duration length) throws Exception {
        try (BrokerPair brokers = BrokerPair.start(runDir.resolve("brokers"), FreePort.pick(), FreePort.pick());
             ClusterUnderTest cluster = ClusterUnderTest.prepare(installation, runDir, db, BrokerAddress.of(brokers),
                     ClusterLayout.freePorts(SERVERS, 1), Map.of())) {
            cluster.start(WORKER_CONSUMERS);
            String brokerUrl = BrokerAddress.of(brokers).clientUrl();
            TransferClient client = cluster.client();
            timeline.start(db::totals);
            timeline.mark("load starts");
            Random random = new Random(seed);
            Map<String, Integer> kills = new TreeMap<>();
            History history;
            int planned = (int) Math.max(DrillRunner.TRANSFERS, length.toSeconds() * SOAK_TRANSFERS_PER_SECOND);
            try (LoadGenerator load = new LoadGenerator(client,
                    PlannedTransfer.amongDemoAccounts(drill.name(), drill.modes(), planned, seed),
                    DrillRunner.CLIENTS, DrillRunner.LOAD_DEADLINE.plus(length))) {
                load.start();
                Instant end = Instant.now().plus(length);
                while (Instant.now().isBefore(end)) {
                    TimeUnit.MILLISECONDS.sleep(SOAK_MIN_PAUSE_MS + random.nextInt(SOAK_PAUSE_SPREAD_MS));
                    String victim = killAndRestart(random.nextInt(5), cluster, brokers, timeline);
                    kills.merge(victim, 1, Integer::sum);
                }
                load.finish();
                history = load.awaitDone();
            }
            notes.add("SIGKILLs in " + length.toSeconds() + " s: " + kills);
            // Read from the database: a poll of every accepted transfer over HTTP takes longer than the deadline
            // once a soak has accepted tens of thousands.
            if (awaitSettled(brokerUrl) && awaitNothingPrepared() && awaitEmptyObjectStore(cluster, 1)) {
                timeline.mark("recovered");
            } else {
                notes.add("not recovered within " + DrillRunner.RECOVERY_DEADLINE.toSeconds() + " s of the last kill");
            }
            timeline.close();
            long dirty = 0;
            for (int i = 1; i <= SERVERS; i++) {
                cluster.server(i).stop();
            }
            for (int i = 1; i <= SERVERS; i++) {
                // A stop slower than the lease lets the peer take the stopping server's log (it did in the first
                // soak: WTRN0100E "another server owns the log"), and that stop then reports no
                // WTRN0105I. As in the single-server drills, the server is started on its own and stopped again:
                // what is judged is the log after recovery.
                if (!cluster.server(i).stoppedWithNothingToRecover()) {
                    notes.add(ClusterUnderTest.serverName(i) + "'s final stop did not report an empty log");
                    DrillRunner.restartUntilLogEmpty(cluster.server(i), notes);
                }
                dirty += cluster.server(i).stoppedWithNothingToRecover() ? 0 : 1;
            }
            long left = workerRecords(cluster, 1);
            InvariantResult coordinator = RunChecker.coordinatorLog(left + dirty,
                    left > 0 ? left + " record(s) left in the worker's Narayana log"
                            : dirty + " server(s) stopped without reporting an empty transaction log (no WTRN0105I)",
                    "the worker's Narayana log empty; both servers stopped with nothing to recover");
            return check(brokerUrl, history, coordinator, notes);
        }
    }

    /** SIGKILL to the chosen process and its restart; returns what it was, for the notes. */
    private static String killAndRestart(int choice, ClusterUnderTest cluster, BrokerPair brokers,
                                         MoneyTimeline timeline) throws Exception {
        switch (choice) {
            case 0, 1 -> {
                int server = choice + 1;
                cluster.server(server).kill();
                timeline.mark("server " + server + " killed");
                cluster.server(server).start();
                timeline.mark("restart");
                return ClusterUnderTest.serverName(server);
            }
            case 2 -> {
                cluster.worker(1).kill();
                timeline.mark("worker killed");
                cluster.restartWorker(1);
                timeline.mark("restart");
                return ClusterUnderTest.workerName(1);
            }
            case 3 -> {
                brokers.primary().kill();
                timeline.mark("primary broker killed");
                brokers.awaitBackupActive();
                brokers.restartPrimary();
                timeline.mark("restart");
                return "primary broker";
            }
            default -> {
                brokers.backup().kill();
                timeline.mark("backup broker killed");
                brokers.restartBackup();
                timeline.mark("restart");
                return "backup broker";
            }
        }
    }

    /** The drill's load: its planned transfers from the drills' clients, through {@code client}. */
    private LoadGenerator load(TransferClient client) {
        return new LoadGenerator(client,
                PlannedTransfer.amongDemoAccounts(drill.name(), drill.modes(), DrillRunner.TRANSFERS, seed),
                DrillRunner.CLIENTS, DrillRunner.LOAD_DEADLINE);
    }

    /** The checker on what the drill left, and which process ended how many transfers. */
    private DrillOutcome check(String brokerUrl, History history, InvariantResult coordinator, List<String> notes)
            throws Exception {
        try (Connection c = db.connect(); BrokerInspector inspector = BrokerInspector.connect(brokerUrl)) {
            notes.add("ended by: " + LedgerCounts.transfersByProcess(c));
            return new DrillOutcome(RunChecker.check(c, inspector, history, coordinator),
                    LedgerCounts.transfersByStatus(c), history.accepted().size());
        }
    }

    private static long finalCount(TransferClient client, History history) {
        return history.accepted().values().stream().filter(client::isFinal).count();
    }

    private static long workerRecords(ClusterUnderTest cluster, int worker) {
        return ObjectStoreContents.transactionRecords(cluster.workerDataDir(worker).resolve("tx-object-store")).size();
    }

    private static boolean awaitEmptyObjectStore(ClusterUnderTest cluster, int worker) {
        try {
            await("worker " + worker + "'s Narayana log empty").atMost(DrillRunner.RECOVERY_DEADLINE)
                    .pollInterval(Duration.ofMillis(500)).until(() -> workerRecords(cluster, worker) == 0);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** How server 1 dies while the load runs. */
    @FunctionalInterface
    private interface Death {
        void inflict(LibertyUnderTest victim, LoadGenerator load) throws Exception;
    }

    private DrillOutcome underCluster(MoneyTimeline timeline, List<String> notes, boolean armed, Death death)
            throws Exception {
        try (RestartableBroker broker = RestartableBroker.start(runDir.resolve("broker"), FreePort.pick());
             ClusterUnderTest cluster = ClusterUnderTest.prepare(installation, runDir, db, BrokerAddress.single(broker.port()),
                     ClusterLayout.freePorts(SERVERS, 0), Map.of())) {
            if (armed) {
                cluster.startWithFirstArmed(drill.point().pointName(), DrillRunner.skipFor(drill.point()),
                        DrillRunner.libertyCrashRules(runDir));
            } else {
                cluster.start(0);
            }
            LibertyUnderTest dead = cluster.server(DEAD);
            LibertyUnderTest peer = cluster.server(PEER);
            TransferClient client = cluster.client();
            timeline.start(db::totals);
            timeline.mark("load starts");
            History history;
            try (LoadGenerator load = load(client)) {
                load.start();
                death.inflict(dead, load);
                timeline.mark("crash");
                notes.add(DrillRunner.stateAtCrash(db, broker.url()));
                awaitPeerRecovery(peer, timeline, notes);
                history = load.awaitDone();
            }
            if (DrillRunner.awaitRecovered(client, history, broker.url(), DrillRunner.RECOVERY_DEADLINE)
                    && awaitNothingPrepared()) {
                timeline.mark("recovered");
            } else {
                notes.add("not recovered within " + DrillRunner.RECOVERY_DEADLINE.toSeconds() + " s");
            }
            timeline.close();
            if (dead.isRunning()) {
                throw new DrillAborted("server 1 is running again; the drill must leave it dead");
            }
            peer.stop();
            InvariantResult coordinator = logsLeft(peer, notes);
            return check(broker.url(), history, coordinator, notes);
        }
    }

    /** Waits, bounded, for the peer to say it has recovered the dead server's log, and notes how long it took. */
    private static void awaitPeerRecovery(LibertyUnderTest peer, MoneyTimeline timeline, List<String> notes) {
        String line = PEER_RECOVERED + ClusterUnderTest.logIdentity(DEAD);
        try {
            await("server 2 recovers server 1's log").atMost(DrillRunner.RECOVERY_DEADLINE)
                    .pollInterval(Duration.ofMillis(250)).until(() -> peer.logged(line));
            timeline.mark("peer recovered the log");
            timeline.between("crash", "peer recovered the log").ifPresent(ms -> notes.add(
                    "server 2 recovered server 1's transaction log " + ms / 1000.0 + " s after the crash"));
        } catch (ConditionTimeoutException e) {
            notes.add("server 2 did not report recovering server 1's log within "
                    + DrillRunner.RECOVERY_DEADLINE.toSeconds() + " s");
        }
    }

    /** Every transfer final, nothing prepared on the broker and the transfer queues empty, read at the source. */
    private boolean awaitSettled(String brokerUrl) throws Exception {
        try (BrokerInspector inspector = BrokerInspector.connect(brokerUrl)) {
            await("every transfer final, the broker settled").atMost(DrillRunner.RECOVERY_DEADLINE)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        try (Connection c = db.connect()) {
                            return LedgerCounts.transfersByStatus(c).getOrDefault(TransferStatus.QUEUED, 0L) == 0
                                    && inspector.preparedTransactions().isEmpty()
                                    && inspector.messageCount(TransferQueue.XA.address()) == 0
                                    && inspector.messageCount(TransferQueue.IDEMPOTENT.address()) == 0;
                        }
                    });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Recovered also means no prepared branch left in the database: one would hold its rows' locks. */
    private boolean awaitNothingPrepared() {
        try {
            await("no prepared branch in the database").atMost(DrillRunner.RECOVERY_DEADLINE)
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        try (Connection c = db.connect()) {
                            return LedgerCounts.preparedBranches(c) == 0;
                        }
                    });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /**
     * What the coordinators left: the dead server's log must be gone from the database (the peer deletes the
     * tables of a log it has recovered), and the peer's orderly stop must report its own log empty (WTRN0105I).
     */
    private InvariantResult logsLeft(LibertyUnderTest peer, List<String> notes) throws Exception {
        long deadTables;
        try (Connection c = db.connect()) {
            deadTables = transactionLogTables(c, ClusterUnderTest.logIdentity(DEAD));
        }
        boolean peerClean = peer.stoppedWithNothingToRecover();
        notes.add("server 1's transaction-log tables left in PostgreSQL: " + deadTables
                + "; server 2 stopped " + (peerClean ? "with nothing to recover" : "with its log non-empty"));
        long leftover = deadTables + (peerClean ? 0 : 1);
        return RunChecker.coordinatorLog(leftover,
                deadTables > 0 ? "server 1's transaction log is still in PostgreSQL: its peer did not finish with it"
                        : "server 2's final stop did not report an empty transaction log (no WTRN0105I)",
                "server 1's log recovered and removed by its peer; server 2 stopped with nothing to recover");
    }

    /** Liberty's log tables for one server ({@code was_tran_logledgerline1}), in the transaction-log schema. */
    private static long transactionLogTables(Connection c, String logIdentity) throws SQLException {
        String suffix = logIdentity.toLowerCase(java.util.Locale.ROOT);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_name LIKE 'was\\_%' AND table_name LIKE ?")) {
            ps.setString(1, PostgresServer.TRANSACTION_LOG_SCHEMA);
            ps.setString(2, "%" + suffix);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
