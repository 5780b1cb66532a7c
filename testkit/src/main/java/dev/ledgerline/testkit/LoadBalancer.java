package dev.ledgerline.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * HAProxy (Debian's {@code haproxy} package) in front of a cluster's Liberty servers, as a child process this
 * JVM owns and stops by PID. It listens on two ports of 127.0.0.1:
 * <ul>
 *   <li>HTTP, proxied request by request ({@code mode http}, round robin) to the servers' HTTP ports: the API
 *       for tools, each request authenticated on its own, so any server may answer any request;</li>
 *   <li>HTTPS, passed through as TCP ({@code mode tcp}) to the servers' HTTPS ports, each client address kept on
 *       one server ({@code balance source}): the TLS session and the web UI's HTTP session (which holds its
 *       CSRF token) live in one server. The servers share their certificate and their single-sign-on keys
 *       (topology-cluster.xml), so a browser moved to another server when its own dies keeps its login.</li>
 * </ul>
 * A server takes traffic only while its readiness check ({@code GET /health/ready}: database and broker
 * reachable, consumers running) answers 200, checked every second; two failures in a row take it out, two
 * successes put it back. A request already sent to a server that dies is not retried by HAProxy (it could
 * not know whether the server acted on it): the client retries with the same idempotency key.
 */
public final class LoadBalancer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    private static final String BINARY = "haproxy";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** One server behind the load balancer: its name in HAProxy's log and its two ports. */
    public record Backend(String name, int httpPort, int httpsPort) {
    }

    private final Process process;
    private final int httpPort;
    private final int httpsPort;
    private final Path log;

    private LoadBalancer(Process process, int httpPort, int httpsPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.log = log;
    }

    /**
     * Writes {@code haproxy.cfg} into {@code dir}, starts HAProxy in the foreground with its log in
     * {@code haproxy.log} beside it, and returns once both ports accept connections.
     */
    public static LoadBalancer start(Path dir, int httpPort, int httpsPort, List<Backend> backends)
            throws IOException {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("a load balancer needs at least one server behind it");
        }
        Files.createDirectories(dir);
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, configuration(httpPort, httpsPort, backends));
        Path log = dir.resolve("haproxy.log");
        // -db: stay in the foreground, so that the PID this JVM holds is HAProxy's own.
        Process process = ProcessReaper.start(new ProcessBuilder(BINARY, "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
        LoadBalancer balancer = new LoadBalancer(process, httpPort, httpsPort, log);
        try {
            await("HAProxy listens on " + HOST + ":" + httpPort + " and :" + httpsPort).atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("HAProxy exited with " + process.exitValue() + "; see " + log
                                    + ":\n" + Files.readString(log));
                        }
                        return listens(httpPort) && listens(httpsPort);
                    });
        } catch (RuntimeException e) {
            balancer.close();
            throw e;
        }
        return balancer;
    }

    /** HAProxy's configuration for these ports and servers. */
    static String configuration(int httpPort, int httpsPort, List<Backend> backends) {
        String httpServers = backends.stream()
                .map(b -> "    server " + b.name() + " " + HOST + ":" + b.httpPort() + " check")
                .collect(Collectors.joining("\n"));
        // In TCP mode the check still speaks HTTP, to the server's HTTP port: readiness, not just an open socket.
        String httpsServers = backends.stream()
                .map(b -> "    server " + b.name() + " " + HOST + ":" + b.httpsPort() + " check port " + b.httpPort())
                .collect(Collectors.joining("\n"));
        return """
                # Written by Ledgerline's LoadBalancer (testkit); rewritten at every start.
                global
                    log stdout format raw local0 info
                    maxconn 4096

                defaults
                    log global
                    option dontlognull
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    # A connection refused by a dead server is tried once more elsewhere; a request that
                    # reached a server is never sent twice.
                    retries 1
                    option redispatch
                    default-server inter 1s fall 2 rise 2

                frontend api
                    mode http
                    option httplog
                    bind %1$s:%2$d
                    default_backend servers-http

                backend servers-http
                    mode http
                    balance roundrobin
                    option httpchk GET /health/ready
                    http-check expect status 200
                %3$s

                frontend web
                    mode tcp
                    option tcplog
                    bind %1$s:%4$d
                    default_backend servers-https

                backend servers-https
                    mode tcp
                    balance source
                    option httpchk GET /health/ready
                    http-check expect status 200
                %5$s
                """.formatted(HOST, httpPort, httpServers, httpsPort, httpsServers);
    }

    private static boolean listens(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int httpPort() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, like a crash of the machine it runs on. */
    public void kill() {
        ProcessReaper.kill(process.toHandle(), STOP_TIMEOUT);
    }

    /** SIGTERM (HAProxy closes its listeners and ends), SIGKILL if it has not gone in time. */
    @Override
    public void close() {
        ProcessReaper.terminate(process.toHandle());
        if (!ProcessReaper.awaitGone(process.toHandle(), STOP_TIMEOUT)) {
            kill();
        }
    }
}
