package dev.ledgerline.ledger.messaging;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one way a core-protocol URL of the broker is written: for one broker, or for a replication pair (a
 * primary and its backup) between which the client fails over. The broker prints its own URL from here, and
 * the worker, the tests, the drills and the benchmark connect with URLs made here.
 *
 * <p>The failover settings are written here once. server.xml cannot call this class, so its pair
 * configuration (broker-pair.xml) repeats them as resource adapter properties; a test of ledger-ejb fails when
 * the two disagree.
 */
public final class BrokerUrl {

    /**
     * Reconnection attempts after the connection is lost, to the same broker or to its backup, before the
     * client gives up and its calls fail. With the waits below they span about a minute: enough for a backup to
     * take over and for a primary to take its role back, short enough that a client whose pair is wholly down
     * reports it instead of hanging.
     */
    public static final int RECONNECT_ATTEMPTS = 30;
    /** Wait before the first reconnection attempt. */
    public static final long RETRY_INTERVAL_MILLIS = 500;
    /** Factor applied to the wait after each failed attempt. */
    public static final double RETRY_INTERVAL_MULTIPLIER = 1.5;
    /** Ceiling for the growing wait. */
    public static final long MAX_RETRY_INTERVAL_MILLIS = 2_000;

    private static final String SCHEME = "tcp";

    private BrokerUrl() {
    }

    /**
     * The URL of one broker, e.g. {@code tcp://127.0.0.1:61616}.
     *
     * @throws IllegalArgumentException if the host is blank or the port outside 1 to 65535
     */
    public static String of(String host, int port) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("broker host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("broker port must be between 1 and 65535, was " + port);
        }
        return SCHEME + "://" + host + ":" + port;
    }

    /**
     * The URL of a replication pair: the client connects to whichever of the two is active, learns the pair's
     * topology from it ({@code ha=true}), and when that connection is lost reconnects to the other one, which
     * has the same messages. Transactions in flight at that moment roll back and say so; a send outside a
     * transaction that was in flight fails, and may or may not have reached the broker.
     *
     * @param primaryUrl the primary's URL, as {@link #of} writes it
     * @param backupUrl  the backup's URL, as {@link #of} writes it
     * @throws IllegalArgumentException if either is not a plain {@code tcp://host:port}: the failover
     *                                  parameters apply to the pair, not to one of its brokers
     */
    public static String failover(String primaryUrl, String backupUrl) {
        requirePlain("primary", primaryUrl);
        requirePlain("backup", backupUrl);
        if (primaryUrl.equals(backupUrl)) {
            throw new IllegalArgumentException("the backup's URL is the primary's: " + primaryUrl);
        }
        return "(" + primaryUrl + "," + backupUrl + ")?ha=true"
                + "&reconnectAttempts=" + RECONNECT_ATTEMPTS
                + "&retryInterval=" + RETRY_INTERVAL_MILLIS
                + "&retryIntervalMultiplier=" + RETRY_INTERVAL_MULTIPLIER
                + "&maxRetryInterval=" + MAX_RETRY_INTERVAL_MILLIS;
    }

    private static void requirePlain(String which, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("the " + which + "'s URL is not a URL: " + url, e);
        }
        if (!SCHEME.equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the " + which + "'s URL must be tcp://host:port and nothing more, was "
                    + url);
        }
    }
}
