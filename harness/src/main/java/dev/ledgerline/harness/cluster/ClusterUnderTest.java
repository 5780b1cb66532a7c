package dev.ledgerline.harness.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ledgerline.harness.Installation;
import dev.ledgerline.harness.client.TransferClient;
import dev.ledgerline.harness.database.DatabaseUnderTest;
import dev.ledgerline.harness.liberty.LibertyUnderTest;
import dev.ledgerline.harness.worker.WorkerCommandLine;
import dev.ledgerline.testkit.LoadBalancer;
import dev.ledgerline.testkit.WorkerProcess;

/**
 * Ledgerline as a cluster on this machine's loopback, each part a process of its own standing in for a host:
 * several Liberty servers with the same EAR in one transaction recovery group (topology-cluster.xml), Narayana
 * workers consuming {@code transfers.xa} beside them, and HAProxy in front of the servers. The database and the
 * broker are the caller's, started before and stopped after. Used by {@code bin/ledgerline run --cluster}, the
 * cluster drills and the benchmark's scaling rows, so all three run the same topology.
 *
 * <p>Everything it starts it stops by PID in {@link #close}, load balancer first (no new requests), then the
 * servers, then the workers. A server killed by a drill stays dead: its peers recover its transactions.
 */
public final class ClusterUnderTest implements AutoCloseable {

    /** The recovery identity and process name of server {@code i} (from 1). */
    public static String serverName(int i) {
        return "ledgerline-" + i;
    }

    /**
     * Server {@code i}'s recovery identity as Liberty writes it in its messages and in its log's table names:
     * with only the letters and digits ({@code ledgerline1}).
     */
    public static String logIdentity(int i) {
        return serverName(i).replaceAll("[^A-Za-z0-9]", "");
    }

    /** The node identifier and process name of worker {@code i} (from 1). */
    public static String workerName(int i) {
        return "worker-" + i;
    }

    private final List<LibertyUnderTest> servers;
    private final ClusterLayout layout;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final List<String[]> workerOptions = new ArrayList<>();
    private final WorkerCommandLine workerCommandLine;
    private final Path runDir;
    private LoadBalancer loadBalancer;

    private ClusterUnderTest(List<LibertyUnderTest> servers, ClusterLayout layout,
                             WorkerCommandLine workerCommandLine, Path runDir) {
        this.servers = servers;
        this.layout = layout;
        this.workerCommandLine = workerCommandLine;
        this.runDir = runDir;
    }

    /**
     * Prepares (but does not start) {@code layout.servers()} Liberty servers against {@code db} and the broker (or
     * broker pair) at {@code broker}, their output under {@code runDir/server-<i>}, their shared certificate and
     * single-sign-on keys in {@code runDir/shared}.
     *
     * @param environment further server.xml variables for every server, e.g. the broker's backup
     */
    public static ClusterUnderTest prepare(Installation installation, Path runDir, DatabaseUnderTest db,
                                           BrokerAddress broker, ClusterLayout layout,
                                           Map<String, String> environment) throws IOException {
        List<LibertyUnderTest> servers = new ArrayList<>();
        for (int i = 1; i <= layout.servers(); i++) {
            Map<String, String> env = new HashMap<>(db.libertyEnvironment());
            env.putAll(broker.libertyEnvironment());
            env.putAll(environment);
            env.put("LEDGERLINE_TOPOLOGY", "cluster");
            env.put("LEDGERLINE_PROCESS_NAME", serverName(i));
            env.put("LEDGERLINE_CLUSTER_DIR", runDir.resolve("shared").toString());
            servers.add(new LibertyUnderTest(installation, Files.createDirectories(runDir.resolve("server-" + i)),
                    layout.httpPort(i), layout.httpsPort(i), broker.primaryPort(), env, false));
        }
        return new ClusterUnderTest(servers, layout, new WorkerCommandLine(db, broker.primaryUrl(),
                broker.backupUrl(), runDir.resolve("workers.log")), runDir);
    }

    /**
     * Starts the servers, the workers and the load balancer, and returns once every server serves and the load
     * balancer listens. The first server makes the certificate and the single-sign-on keys the others then
     * read.
     *
     * @param consumersPerWorker the XA consumer threads of each of the layout's workers
     */
    public void start(int consumersPerWorker) throws Exception {
        startWith(consumersPerWorker, LibertyUnderTest::start, Map.of());
    }

    /**
     * The same with worker 1 armed at a crash point ({@code ledgerline.crash.point} and {@code .skip}, as the
     * worker drills arm it), for a drill in which it halts while the servers and the other workers go on.
     */
    public void startWithFirstWorkerArmed(int consumersPerWorker, Map<String, String> crashProperties)
            throws Exception {
        startWith(consumersPerWorker, LibertyUnderTest::start, crashProperties);
    }

    /**
     * The same with server 1 armed at a crash point (the Byteman rules of the single-server drills), for a drill
     * in which it halts and a peer recovers its transactions.
     */
    public void startWithFirstArmed(String point, long skip, Path rules) throws Exception {
        startWith(0, first -> first.startArmed(point, skip, rules), Map.of());
    }

    /** How the first server is started. */
    @FunctionalInterface
    private interface FirstStart {
        void start(LibertyUnderTest first) throws IOException;
    }

    private void startWith(int consumersPerWorker, FirstStart firstStart, Map<String, String> firstWorkerProperties)
            throws Exception {
        firstStart.start(servers.get(0));
        // One after the other: on a small machine servers starting together starve one another (three on two
        // cores were not serving after three minutes), and a start that overlaps nothing is the one measured.
        for (LibertyUnderTest server : servers.subList(1, servers.size())) {
            server.start();
        }
        for (int i = 1; i <= layout.workers(); i++) {
            workerOptions.add(workerCommandLine.run(workerDataDir(i), consumersPerWorker, layout.workerStatusPort(i),
                    "--node-id", workerName(i), "--recovery-period-seconds", "2", "--recovery-backoff-seconds", "1"));
            workers.add(workerCommandLine.start(i == 1 ? firstWorkerProperties : Map.of(), workerOptions.get(i - 1)));
        }
        List<LoadBalancer.Backend> backends = new ArrayList<>();
        for (int i = 1; i <= servers.size(); i++) {
            backends.add(new LoadBalancer.Backend(serverName(i), layout.httpPort(i), layout.httpsPort(i)));
        }
        loadBalancer = LoadBalancer.start(runDir.resolve("load-balancer"), layout.loadBalancerHttpPort(),
                layout.loadBalancerHttpsPort(), backends);
    }

    /** Server {@code i} (from 1). */
    public LibertyUnderTest server(int i) {
        return servers.get(i - 1);
    }

    public int serverCount() {
        return servers.size();
    }

    public List<WorkerProcess> workers() {
        return List.copyOf(workers);
    }

    /** Worker {@code i} (from 1), as last started. */
    public WorkerProcess worker(int i) {
        return workers.get(i - 1);
    }

    /** Worker {@code i}'s data directory: its Narayana object store is {@code tx-object-store} inside. */
    public Path workerDataDir(int i) {
        return runDir.resolve(workerName(i));
    }

    /** The log all the workers write to, one after the other's lines. */
    public Path workerLog() {
        return workerCommandLine.log();
    }

    /**
     * Starts worker {@code i} again, unarmed, with its node identifier and object store: only it can finish
     * the transactions it logged (a Narayana worker has no peer recovery), and it does so at its first scans.
     */
    public WorkerProcess restartWorker(int i) throws IOException {
        WorkerProcess restarted = workerCommandLine.start(Map.of(), workerOptions.get(i - 1));
        workers.set(i - 1, restarted);
        return restarted;
    }

    public LoadBalancer loadBalancer() {
        return loadBalancer;
    }

    /** A client of the API through the load balancer, as users reach it. */
    public TransferClient client() {
        return new TransferClient(loadBalancer.httpPort());
    }

    /** The PIDs of every process this cluster started that is still running, for CPU accounting. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        servers.stream().filter(LibertyUnderTest::isRunning).forEach(s -> pids.add(s.pid()));
        workers.stream().filter(WorkerProcess::isAlive).forEach(w -> pids.add(w.pid()));
        return pids;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        List<AutoCloseable> order = new ArrayList<>();
        if (loadBalancer != null) {
            order.add(loadBalancer);
        }
        order.addAll(servers);
        order.addAll(workers);
        for (AutoCloseable part : order) {
            try {
                part.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
