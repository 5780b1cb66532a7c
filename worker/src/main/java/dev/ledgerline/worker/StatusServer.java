package dev.ledgerline.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP endpoint on loopback for drills and operators: {@code GET /health} (200 while the consumers
 * run, 503 otherwise) and {@code GET /ledger/totals} (money per currency and transfers per status, read on a
 * plain connection outside any XA transaction). The JDK's own server: two read-only answers need no framework.
 */
public final class StatusServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StatusServer.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static StatusServer start(int port, String nodeId, BooleanSupplier consumersRunning, DataSource plain)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/health", exchange -> {
            boolean up = consumersRunning.getAsBoolean();
            respond(exchange, up ? 200 : 503, health(up, nodeId));
        });
        server.createContext("/ledger/totals", exchange -> {
            try (Connection c = plain.getConnection()) {
                respond(exchange, 200, LedgerTotals.read(c).toJson());
            } catch (SQLException e) {
                LOG.warning("GET /ledger/totals failed: " + e.getMessage());
                respond(exchange, 503, Json.createObjectBuilder().add("error", "database unavailable").build());
            }
        });
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "ledgerline-worker-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        LOG.info("status endpoint on http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + " (/health, /ledger/totals)");
        return new StatusServer(server, executor);
    }

    /** {@code {"status":"UP","node":…}}, or DOWN; the node id is the operator's, so JSON-P escapes it. */
    static JsonObject health(boolean up, String nodeId) {
        return Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("node", nodeId).build();
    }

    private static void respond(HttpExchange exchange, int status, JsonObject json) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
