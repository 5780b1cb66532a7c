package dev.ledgerline.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ledgerline.ledger.messaging.BrokerUrl;

/**
 * The Ledgerline broker running in an operating-system process of its own, so that a test can kill it with
 * SIGKILL like a real crash and start it again on the same journal.
 *
 * <p>The broker's jars are taken from the directory named by the system property {@value #LIB_DIR_PROPERTY},
 * by default {@code ../broker/target/broker/lib} relative to the working directory (a sibling module's base
 * directory under Maven). Its stdout and stderr are appended to {@code broker.log} in the data directory.
 */
public final class BrokerProcess implements AutoCloseable {

    public static final String LIB_DIR_PROPERTY = "ledgerline.broker.lib";
    public static final String HOST = "127.0.0.1";

    private static final String DEFAULT_LIB_DIR = "../broker/target/broker/lib";
    private static final String MAIN_CLASS = "dev.ledgerline.broker.LedgerBroker";
    private static final String LOG_FILE = "broker.log";
    /** Artemis pages to disk beyond half of its heap; a test broker needs little. */
    private static final String MAX_HEAP = "-Xmx512m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ChildJvm jvm;
    private final int port;
    private final Path dataDir;

    private BrokerProcess(ChildJvm jvm, int port, Path dataDir) {
        this.jvm = jvm;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port} with its journal in {@code dataDir} and waits until it reports
     * itself ready.
     *
     * @param extraArgs further broker options, for example {@code "--max-delivery-attempts", "2"}
     * @throws IllegalStateException if the broker exits, or is not ready within 60 s (it is then killed); the
     *                               message carries what the broker logged
     */
    public static BrokerProcess start(Path dataDir, int port, String... extraArgs) throws IOException {
        BrokerProcess broker = launch(dataDir, port, extraArgs);
        broker.awaitReady();
        return broker;
    }

    /**
     * Starts a broker and returns without waiting: for one that does not start active, such as the backup of
     * a {@link BrokerPair}. Wait for what it should print with {@link #awaitOutput}.
     */
    static BrokerProcess launch(Path dataDir, int port, String... extraArgs) throws IOException {
        Path data = Files.createDirectories(dataDir).toAbsolutePath();
        List<String> args = new ArrayList<>(List.of(
                "--data-dir", data.toString(), "--host", HOST, "--port", Integer.toString(port)));
        args.addAll(List.of(extraArgs));
        Path libDir = ChildJvm.libDir(LIB_DIR_PROPERTY, DEFAULT_LIB_DIR, "broker");
        ChildJvm jvm = ChildJvm.launch("broker", libDir, MAIN_CLASS, MAX_HEAP,
                Map.of("java.library.path", nativeLibraryDir(libDir).toString()), args, data.resolve(LOG_FILE));
        return new BrokerProcess(jvm, port, data);
    }

    /**
     * Where the broker module's build put Artemis's libaio binding, beside the jars: the broker runs the
     * ASYNCIO journal when it loads from there (and the system has libaio), NIO otherwise. Only x86-64 and x86
     * builds of the binding exist.
     */
    private static Path nativeLibraryDir(Path libDir) {
        String platform = "amd64".equals(System.getProperty("os.arch")) ? "linux-x86_64" : "linux-i686";
        return libDir.resolveSibling("native").resolve("lib").resolve(platform);
    }

    /**
     * Waits until the broker serves clients: its "ready" line, which a broker of a pair prints each time it
     * becomes active.
     *
     * @throws IllegalStateException as {@link #start} says
     */
    void awaitReady() throws IOException {
        // The space after the URL: port 6161 must not be taken for 61616.
        awaitOutput("Ledgerline broker ready on " + url() + " ", START_TIMEOUT);
    }

    /**
     * Waits until the broker has printed {@code text} since this process started.
     *
     * @throws IllegalStateException if it exits first or has not printed it within {@code timeout} (it is then
     *                               killed); the message carries what it logged
     */
    void awaitOutput(String text, Duration timeout) throws IOException {
        jvm.awaitLine(text, timeout);
    }

    public long pid() {
        return jvm.pid();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return jvm.logFile();
    }

    /** Core-protocol URL for the Artemis clients, for example {@code tcp://127.0.0.1:61616}. */
    public String url() {
        return BrokerUrl.of(HOST, port);
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** Crashes the broker (SIGKILL: no shutdown hook, no orderly journal close) and waits until it is gone. */
    public void kill() {
        jvm.kill();
    }

    /** Stops the broker gracefully (SIGTERM); kills it if it has not exited within 30 s. */
    public void stop() {
        jvm.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
