package dev.ledgerline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * The real HAProxy in front of two small HTTP servers that stand in for Liberty: each answers its own name,
 * and its readiness as it is told.
 */
class LoadBalancerTest {

    @TempDir
    Path dir;

    private final List<HttpServer> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /** A stand-in server: {@code GET /who} answers its name, {@code /health/ready} 200 or 503 as {@code ready} says. */
    private int serve(String name, AtomicBoolean ready) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(LoadBalancer.HOST, 0), 0);
        server.createContext("/health/ready", exchange -> {
            exchange.sendResponseHeaders(ready.get() ? 200 : 503, -1);
            exchange.close();
        });
        server.createContext("/who", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void spreadsRequestsOverReadyServersAndSendsNoneToOneThatIsNotReady() throws Exception {
        AtomicBoolean oneReady = new AtomicBoolean(true);
        AtomicBoolean twoReady = new AtomicBoolean(true);
        int one = serve("one", oneReady);
        int two = serve("two", twoReady);
        try (LoadBalancer balancer = LoadBalancer.start(dir, FreePort.pick(), FreePort.pick(), List.of(
                new LoadBalancer.Backend("one", one, FreePort.pick()),
                new LoadBalancer.Backend("two", two, FreePort.pick())))) {
            await("both servers checked ready").atMost(Duration.ofSeconds(15))
                    .until(() -> answers(balancer, 10).keySet().size() == 2);
            assertThat(answers(balancer, 10)).containsEntry("one", 5).containsEntry("two", 5);

            twoReady.set(false);
            await("server two taken out").atMost(Duration.ofSeconds(15))
                    .until(() -> answers(balancer, 10).equals(Map.of("one", 10)));

            twoReady.set(true);
            await("server two put back").atMost(Duration.ofSeconds(15))
                    .until(() -> answers(balancer, 10).keySet().size() == 2);
            assertThat(balancer.log()).content().contains("servers-http/one").contains("servers-http/two");
        }
    }

    /** Who answered {@code requests} requests through the load balancer, and how many each. */
    private Map<String, Integer> answers(LoadBalancer balancer, int requests) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://" + LoadBalancer.HOST + ":" + balancer.httpPort() + "/who")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                counts.merge(response.body(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
