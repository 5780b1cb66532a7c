package dev.ledgerline.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ledgerline.ledger.check.InvariantChecker;
import dev.ledgerline.ledger.check.InvariantReport;
import dev.ledgerline.ledger.domain.DeadLetter;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.ledger.store.DeadLetterStore;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.BrokerProcess;
import dev.ledgerline.testkit.ObjectStoreContents;
import dev.ledgerline.testkit.WorkerProcess;

/**
 * One drill's world: a broker process, an H2 file and a worker data directory under {@code target/it/<name>},
 * and the worker started from its packaged lib directory. Ports come from the ranges given to this module's
 * tests (broker 62016-62099, HTTP 19300-19399), the first free one of each.
 */
final class WorkerTestbed implements AutoCloseable {

    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern MISSING_RESOURCE_WARNING = Pattern.compile("ARJUNA016037.*?branch_uid=([0-9a-f:]+)");

    final Path dir;
    final Path h2File;
    final Path workerData;
    final Path workerLog;
    final int httpPort;
    private final int brokerPort;
    private BrokerProcess broker;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WorkerProcess> workers = new ArrayList<>();

    WorkerTestbed(String name) throws IOException {
        dir = Path.of("target", "it", name).toAbsolutePath();
        deleteRecursively(dir);
        Files.createDirectories(dir);
        h2File = dir.resolve("h2").resolve("ledger");
        workerData = dir.resolve("worker");
        workerLog = dir.resolve("worker.log");
        brokerPort = freePort(62016, 62099);
        broker = startBroker();
        httpPort = freePort(19300, 19399);
    }

    /** Crashes the broker (SIGKILL) and starts it again on the same journal and port. */
    void crashAndRestartBroker() throws IOException {
        broker.kill();
        broker = startBroker();
    }

    /**
     * The broker as shipped: its redelivery budget is what lets a transfer whose accounts an in-doubt branch
     * still locks outlast recovery instead of ending FAILED, and these tests are where that is checked.
     */
    private BrokerProcess startBroker() throws IOException {
        return BrokerProcess.start(dir.resolve("broker"), brokerPort);
    }

    String dbUrl() {
        return "jdbc:h2:file:" + h2File + ";WRITE_DELAY=0";
    }

    String brokerUrl() {
        return broker.url();
    }

    Path objectStore() {
        return workerData.resolve("tx-object-store");
    }

    void preload(int count, long seed) throws IOException {
        int status = WorkerProcess.runToEnd(dir.resolve("preload.log"), Duration.ofSeconds(120), "preload",
                "--db-url", dbUrl(), "--broker-url", brokerUrl(), "--count", Integer.toString(count),
                "--seed", Long.toString(seed));
        assertThat(status).as("preload exit status; see " + dir.resolve("preload.log")).isZero();
    }

    /** @param moreOptions options of {@code run} this testbed leaves at their defaults, such as {@code --node-id} */
    WorkerProcess startWorker(Map<String, String> systemProperties, int consumers, String... moreOptions)
            throws IOException {
        List<String> options = new ArrayList<>(List.of(
                "--db-url", dbUrl(), "--broker-url", brokerUrl(), "--data-dir", workerData.toString(),
                "--consumers", Integer.toString(consumers), "--http-port", Integer.toString(httpPort),
                "--recovery-period-seconds", "2", "--recovery-backoff-seconds", "1", "--poll-wait-ms", "500"));
        options.addAll(List.of(moreOptions));
        WorkerProcess worker = WorkerProcess.start(workerLog, systemProperties, options.toArray(String[]::new));
        workers.add(worker);
        return worker;
    }

    /** GET /ledger/totals of the running worker. */
    String totals() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ledger/totals")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Waits until no transfer is QUEUED, the queue is empty, nothing is prepared on the broker, no log is left. */
    void awaitDrainedAndRecovered() throws Exception {
        try (BrokerInspector inspector = BrokerInspector.connect(brokerUrl())) {
            await().atMost(DRAIN_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(totals()).contains("\"QUEUED\":0,");
                assertThat(inspector.messageCount(TransferQueue.XA.address())).isZero();
                assertThat(inspector.preparedTransactions()).isEmpty();
                assertThat(ObjectStoreContents.transactionRecords(objectStore())).isEmpty();
            });
        }
    }

    /** Runs every invariant on the H2 file: only while no worker holds it. */
    InvariantReport checkInvariants() throws SQLException {
        try (Connection c = openDatabase()) {
            return new InvariantChecker(Clock.systemUTC()).check(c, Duration.ZERO);
        }
    }

    /** The dead letters recorded, newest first: only while no worker holds the file. */
    List<DeadLetter> deadLetters() throws SQLException {
        try (Connection c = openDatabase()) {
            return new DeadLetterStore().findRecent(c, 100);
        }
    }

    /**
     * How many transfers each process ended, by process and coordinator ({@code "worker/worker-1 narayana"}, or
     * {@code "null null"} for those still queued): only while no worker holds the file.
     */
    Map<String, Integer> transfersEndedBy() throws SQLException {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        try (Connection c = openDatabase();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT applied_by, coordinator, COUNT(id) AS n FROM transfer GROUP BY applied_by, coordinator")) {
            while (rs.next()) {
                counts.put(rs.getString("applied_by") + " " + rs.getString("coordinator"), rs.getInt("n"));
            }
        }
        return counts;
    }

    /** Prepared branches H2 holds in doubt: only while no worker holds the file. */
    int inDoubtInDatabase() throws SQLException {
        try (Connection c = openDatabase();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    int preparedOnBroker() throws Exception {
        try (BrokerInspector inspector = BrokerInspector.connect(brokerUrl())) {
            return inspector.preparedTransactions().size();
        }
    }

    /**
     * Branches for which ARJUNA016037 ("no XAResource to recover") appeared more than once in the text. Once
     * per branch that had ended before recovery is expected: Narayana says so, then finds the named resource
     * manager scanned without the branch, and forgets it (ARJUNA016113). A repeat means the log was kept.
     */
    static List<String> repeatedMissingResourceWarnings(String log) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        Matcher m = MISSING_RESOURCE_WARNING.matcher(log);
        while (m.find()) {
            counts.merge(m.group(1), 1, Integer::sum);
        }
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey() + " x" + e.getValue()).toList();
    }

    private Connection openDatabase() throws SQLException {
        return DriverManager.getConnection(dbUrl(), "ledgerline", "");
    }

    @Override
    public void close() {
        workers.forEach(WorkerProcess::stop);
        broker.stop();
    }

    private static int freePort(int from, int to) {
        for (int port = from; port <= to; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free loopback port in " + from + "-" + to);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
