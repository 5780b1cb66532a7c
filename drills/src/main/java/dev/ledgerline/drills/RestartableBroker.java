package dev.ledgerline.drills;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.ledgerline.testkit.BrokerProcess;

/**
 * The broker of one drill, which the drill may kill and start again on the same journal and port: whoever
 * holds this object reaches the broker that runs now, not the one that was killed.
 */
final class RestartableBroker implements AutoCloseable {

    /** How long a killed broker stays down: the fault's length, long enough for every client to notice. */
    static final Duration DOWNTIME = Duration.ofSeconds(3);

    private final Path dataDir;
    private final int port;
    private BrokerProcess current;

    private RestartableBroker(Path dataDir, int port, BrokerProcess current) {
        this.dataDir = dataDir;
        this.port = port;
        this.current = current;
    }

    static RestartableBroker start(Path dataDir, int port) throws IOException {
        return new RestartableBroker(dataDir, port, BrokerProcess.start(dataDir, port));
    }

    String url() {
        return current.url();
    }

    int port() {
        return port;
    }

    /** SIGKILL: the journal is left as the crash left it. */
    void kill() {
        current.kill();
    }

    /** Waits out the fault's {@link #DOWNTIME}, then starts the broker again on the same journal and port. */
    void restartAfterDowntime() throws IOException, InterruptedException {
        // The fault's length, not a wait for a condition.
        TimeUnit.MILLISECONDS.sleep(DOWNTIME.toMillis());
        current = BrokerProcess.start(dataDir, port);
    }

    @Override
    public void close() {
        current.close();
    }
}
