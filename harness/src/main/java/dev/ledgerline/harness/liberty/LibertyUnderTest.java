package dev.ledgerline.harness.liberty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ledgerline.harness.Installation;
import dev.ledgerline.harness.client.TransferClient;
import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.testkit.FreePort;
import dev.ledgerline.testkit.LibertyServer;

/**
 * Liberty as a drill or a benchmark scenario runs it: its own output directory (logs, transaction log,
 * workarea) inside the run directory, its own ports, and for a drill the Byteman agent with the XA
 * crash-point rules when armed.
 */
public final class LibertyUnderTest implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(180);
    /** WTRN0027I/WTRN0028I "Transaction service recovering N transaction(s)": what Liberty found in its log at
     *  start (WTRN0135I says it found none). */
    private static final Pattern RECOVERING = Pattern.compile("WTRN002[78]I\\D*(\\d+)");
    /** Liberty's transaction service reports on its log here, under the output directory. */
    private static final String MESSAGES_LOG = "ledgerline/logs/messages.log";

    private final Installation installation;
    private final Path runDir;
    private final TransferClient client;
    private final LibertyServer server;

    /**
     * @param environment the database's settings ({@code DatabaseUnderTest.libertyEnvironment()}) and any other
     *                    server.xml variable the run sets, such as the consumers per design
     * @param unsafeModes whether the server accepts the unsafe controls' transfers
     */
    public LibertyUnderTest(Installation installation, Path runDir, int httpPort, int brokerPort,
                            Map<String, String> environment, boolean unsafeModes) throws IOException {
        // The drills and the benchmark speak plain HTTP on loopback; HTTPS only needs a port nobody else has.
        this(installation, runDir, httpPort, FreePort.pick(), brokerPort, environment, unsafeModes);
    }

    /** The same with the HTTPS port chosen, for a server behind a load balancer that forwards the web UI to it. */
    public LibertyUnderTest(Installation installation, Path runDir, int httpPort, int httpsPort, int brokerPort,
                            Map<String, String> environment, boolean unsafeModes) throws IOException {
        this.installation = installation;
        this.runDir = runDir;
        this.client = new TransferClient(httpPort);
        Map<String, String> env = new HashMap<>(environment);
        env.put("LEDGERLINE_HTTP_PORT", String.valueOf(httpPort));
        env.put("LEDGERLINE_HTTPS_PORT", String.valueOf(httpsPort));
        env.put("LEDGERLINE_BROKER_PORT", String.valueOf(brokerPort));
        env.put("LEDGERLINE_DATA_DIR", runDir.resolve("data").toString());
        env.put("WLP_OUTPUT_DIR", outputDir().toString());
        // A dead relay's claim on outbox rows lapses this soon, so a drill does not wait 30 s for it.
        env.put("LEDGERLINE_OUTBOX_LEASE_MS", "3000");
        env.put("LEDGERLINE_UNSAFE_MODES_ENABLED", String.valueOf(unsafeModes));
        this.server = new LibertyServer(installation.wlpHome(), env, consoleLog());
        server.prepare(installation.ear());
    }

    public TransferClient client() {
        return client;
    }

    /** Starts the server unarmed and returns once the application serves. */
    public void start() throws IOException {
        startWith("");
    }

    /**
     * Starts the server with the Byteman agent and {@code rules}, armed to halt at {@code point} after
     * {@code skip} passes, and returns once the application serves.
     */
    public void startArmed(String point, long skip, Path rules) throws IOException {
        startWith("-javaagent:" + installation.bytemanJar() + "=script:" + rules
                + " -D" + CrashPoints.POINT_PROPERTY + "=" + point + " -D" + CrashPoints.SKIP_PROPERTY + "=" + skip);
    }

    private void startWith(String jvmArgs) throws IOException {
        server.start(jvmArgs);
        server.awaitApplication(client::isUp, START);
    }

    /** Waits until the server has gone by itself, e.g. halted at a crash point. */
    public void awaitExit(Duration deadline) {
        server.awaitExit(deadline);
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** SIGKILL to the server and its launcher, like a power cut; returns once they are gone. */
    public void kill() {
        server.kill();
    }

    /** An orderly stop through Liberty's own command. */
    public void stop() throws IOException, InterruptedException {
        server.stop();
    }

    /** The line the crash point wrote before it halted the JVM, if it did. */
    public boolean crashPointReached(String point) throws IOException {
        Path console = consoleLog();
        return Files.exists(console) && Files.readString(console).contains("crash point " + point + " reached");
    }

    /**
     * Whether Liberty said, when it was last stopped, that its transaction log held nothing in flight
     * (WTRN0105I "shutdown successfully with no transactions requiring recovery"). Liberty has no management
     * view of its log; this is its own statement about it, made after an orderly stop.
     */
    public boolean stoppedWithNothingToRecover() throws IOException {
        return logged("WTRN0105I");
    }

    /** Whether this server's messages.log holds {@code text}, e.g. a message of its transaction service. */
    public boolean logged(String text) throws IOException {
        Path messages = outputDir().resolve(MESSAGES_LOG);
        return Files.exists(messages) && Files.readString(messages).contains(text);
    }

    /** How many transactions Liberty found in its log at its latest start (WTRN0027I), 0 if none. */
    public int recoveredAtLatestStart() throws IOException {
        Path messages = outputDir().resolve(MESSAGES_LOG);
        if (!Files.exists(messages)) {
            return 0;
        }
        Matcher m = RECOVERING.matcher(Files.readString(messages));
        int found = 0;
        while (m.find()) {
            found = Integer.parseInt(m.group(1));
        }
        return found;
    }

    /** The server JVM's PID, for what is measured from outside it (CPU time, heap). */
    public long pid() {
        return server.pid();
    }

    private Path outputDir() {
        return runDir.resolve("liberty");
    }

    private Path consoleLog() {
        return runDir.resolve("liberty-console.log");
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
