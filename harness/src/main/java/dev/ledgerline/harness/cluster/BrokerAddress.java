package dev.ledgerline.harness.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import dev.ledgerline.ledger.messaging.BrokerUrl;
import dev.ledgerline.testkit.BrokerPair;
import dev.ledgerline.testkit.BrokerProcess;

/**
 * Where a cluster's servers and workers find the broker: one broker, or a replication pair (a primary and its
 * backup) between which they fail over. Each client is told in its own terms: the servers by server.xml's
 * variables, the workers by their options, the load and the checker by one failover URL.
 *
 * @param primaryPort the broker, or the pair's primary
 * @param backupPort  the pair's backup; empty for one broker
 */
public record BrokerAddress(int primaryPort, OptionalInt backupPort) {

    /** One broker on 127.0.0.1:{@code port}. */
    public static BrokerAddress single(int port) {
        return new BrokerAddress(port, OptionalInt.empty());
    }

    public static BrokerAddress of(BrokerPair pair) {
        return new BrokerAddress(pair.primary().port(), OptionalInt.of(pair.backup().port()));
    }

    public String primaryUrl() {
        return BrokerUrl.of(BrokerProcess.HOST, primaryPort);
    }

    /** The backup's URL, or null for one broker (the worker's {@code --broker-backup-url} is then left out). */
    public String backupUrl() {
        return backupPort.isPresent() ? BrokerUrl.of(BrokerProcess.HOST, backupPort.getAsInt()) : null;
    }

    /** One URL for a client of this process (the load's checks, the broker inspector): it fails over by itself. */
    public String clientUrl() {
        return backupPort.isPresent() ? BrokerUrl.failover(primaryUrl(), backupUrl()) : primaryUrl();
    }

    /**
     * server.xml's broker variables beyond the port, which {@code LibertyUnderTest} sets: for a pair, the topology
     * that makes the resource adapter fail over, and the backup's address.
     */
    public Map<String, String> libertyEnvironment() {
        Map<String, String> env = new HashMap<>();
        if (backupPort.isPresent()) {
            env.put("LEDGERLINE_BROKER_TOPOLOGY", "pair");
            env.put("LEDGERLINE_BROKER_BACKUP_HOST", BrokerProcess.HOST);
            env.put("LEDGERLINE_BROKER_BACKUP_PORT", String.valueOf(backupPort.getAsInt()));
        }
        return env;
    }
}
