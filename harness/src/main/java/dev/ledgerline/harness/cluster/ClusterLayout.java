package dev.ledgerline.harness.cluster;

import java.util.List;
import java.util.stream.IntStream;

import dev.ledgerline.testkit.FreePort;

/**
 * How big a cluster is and where each of its parts listens on 127.0.0.1. Server {@code i} and worker {@code i}
 * count from 1.
 *
 * @param loadBalancerHttpPort  the API through the load balancer
 * @param loadBalancerHttpsPort the web UI through the load balancer
 * @param serverHttpPorts       each server's own HTTP port (the load balancer's health checks use it)
 * @param serverHttpsPorts      each server's own HTTPS port
 * @param workerStatusPorts     each worker's status page
 */
public record ClusterLayout(int loadBalancerHttpPort, int loadBalancerHttpsPort, List<Integer> serverHttpPorts,
                           List<Integer> serverHttpsPorts, List<Integer> workerStatusPorts) {

    public ClusterLayout {
        if (serverHttpPorts.isEmpty() || serverHttpPorts.size() != serverHttpsPorts.size()) {
            throw new IllegalArgumentException("a cluster needs at least one server, each with two ports");
        }
        serverHttpPorts = List.copyOf(serverHttpPorts);
        serverHttpsPorts = List.copyOf(serverHttpsPorts);
        workerStatusPorts = List.copyOf(workerStatusPorts);
    }

    /**
     * Ports next to the load balancer's, so that they are easy to find: server {@code i} on
     * {@code http + i} and {@code https + i}, worker {@code i}'s status on {@code http + 100 + i}.
     */
    public static ClusterLayout beside(int servers, int workers, int http, int https) {
        return new ClusterLayout(http, https, range(servers, http), range(servers, https), range(workers, http + 100));
    }

    /** Every port free now, for a drill or a benchmark that runs beside other things. */
    public static ClusterLayout freePorts(int servers, int workers) {
        return new ClusterLayout(FreePort.pick(), FreePort.pick(), picks(servers), picks(servers), picks(workers));
    }

    public int servers() {
        return serverHttpPorts.size();
    }

    public int workers() {
        return workerStatusPorts.size();
    }

    public int httpPort(int server) {
        return serverHttpPorts.get(server - 1);
    }

    public int httpsPort(int server) {
        return serverHttpsPorts.get(server - 1);
    }

    public int workerStatusPort(int worker) {
        return workerStatusPorts.get(worker - 1);
    }

    private static List<Integer> range(int count, int base) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> base + i).toList();
    }

    private static List<Integer> picks(int count) {
        return IntStream.range(0, count).mapToObj(i -> FreePort.pick()).toList();
    }
}
