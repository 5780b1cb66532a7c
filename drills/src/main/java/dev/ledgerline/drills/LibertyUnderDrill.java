package dev.ledgerline.drills;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ledgerline.ledger.crash.CrashPoints;
import dev.ledgerline.testkit.LibertyServer;

/**
 * Liberty as a drill runs it: its own output directory (logs, transaction log, workarea) inside the drill's
 * run directory, its own ports, the Byteman agent with the XA crash-point rules when armed.
 */
public final class LibertyUnderDrill implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(180);
    /** WTRN0027I/WTRN0028I "Transaction service recovering N transaction(s)": what Liberty found in its log at
     *  start (WTRN0135I says it found none). */
    private static final Pattern RECOVERING = Pattern.compile("WTRN002[78]I\\D*(\\d+)");

    private final Installation installation;
    private final Path runDir;
    private final TransferClient client;
    private final LibertyServer server;
    private int starts;

    public LibertyUnderDrill(Installation installation, Path runDir, int httpPort, int brokerPort,
                      Map<String, String> databaseEnvironment, boolean unsafeModes) throws IOException {
        this.installation = installation;
        this.runDir = runDir;
        this.client = new TransferClient(httpPort);
        Map<String, String> env = new HashMap<>(databaseEnvironment);
        env.put("LEDGERLINE_HTTP_PORT", String.valueOf(httpPort));
        env.put("LEDGERLINE_BROKER_PORT", String.valueOf(brokerPort));
        env.put("LEDGERLINE_DATA_DIR", runDir.resolve("data").toString());
        env.put("WLP_OUTPUT_DIR", outputDir().toString());
        // A dead relay's claim on outbox rows lapses this soon, so a drill does not wait 30 s for it.
        env.put("LEDGERLINE_OUTBOX_LEASE_MS", "3000");
        env.put("LEDGERLINE_UNSAFE_MODES_ENABLED", String.valueOf(unsafeModes));
        this.server = new LibertyServer(installation.wlpHome(), env, runDir.resolve("liberty-console.log"));
        server.prepare(installation.ear());
    }

    public TransferClient client() {
        return client;
    }

    /** Starts the server, armed at {@code point} after {@code skip} passes if a point is given. */
    public void start(String point, long skip) throws IOException {
        String jvmArgs = "";
        if (point != null) {
            Path rules = runDir.resolve("liberty-xa-crash-points.btm");
            try (var in = getClass().getResourceAsStream("/byteman/liberty-xa-crash-points.btm")) {
                Files.copy(in, rules, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            jvmArgs = "-javaagent:" + installation.bytemanJar() + "=script:" + rules
                    + " -D" + CrashPoints.POINT_PROPERTY + "=" + point + " -D" + CrashPoints.SKIP_PROPERTY + "=" + skip;
        }
        starts++;
        server.start(jvmArgs);
        server.awaitApplication(client::isUp, START);
    }

    void awaitExit(Duration deadline) {
        server.awaitExit(deadline);
    }

    boolean isRunning() {
        return server.isRunning();
    }

    void kill() {
        server.kill();
    }

    public void stop() throws IOException, InterruptedException {
        server.stop();
    }

    /** The line the crash point wrote before it halted the JVM, if it did. */
    boolean crashPointReached(String point) throws IOException {
        Path console = runDir.resolve("liberty-console.log");
        return Files.exists(console) && Files.readString(console).contains("crash point " + point + " reached");
    }

    /**
     * Whether Liberty said, when it was last stopped, that its transaction log held nothing in flight
     * (WTRN0105I "shutdown successfully with no transactions requiring recovery"). Liberty has no management
     * view of its log; this is its own statement about it, made after an orderly stop.
     */
    public boolean stoppedWithNothingToRecover() throws IOException {
        Path messages = outputDir().resolve("ledgerline/logs/messages.log");
        return Files.exists(messages) && Files.readString(messages).contains("WTRN0105I");
    }

    /** How many transactions Liberty found in its log at its latest start (WTRN0027I), 0 if none. */
    int recoveredAtLatestStart() throws IOException {
        Path messages = outputDir().resolve("ledgerline/logs/messages.log");
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

    Path outputDir() {
        return runDir.resolve("liberty");
    }

    int starts() {
        return starts;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
