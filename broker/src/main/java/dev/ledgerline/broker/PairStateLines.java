package dev.ledgerline.broker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines a broker of a pair prints on stdout as its {@link PairState} changes: what supervisors, tests and
 * operators read to know which broker serves the clients and whether a replica is in sync. Whenever the
 * broker becomes active it prints the same "ready" line as a broker on its own, with its role added.
 */
final class PairStateLines {

    private final String url;
    private final String peerUrl;
    private final String details;
    private PairState previous;

    /**
     * @param url  this broker's URL
     * @param data its data directory
     * @param pair its side of the pair
     */
    PairStateLines(String url, Path data, ReplicationPair pair) {
        this.url = url;
        this.peerUrl = pair.peerUrl();
        this.details = "data: " + data + "; " + pair.role().name().toLowerCase() + " of a replication pair with "
                + peerUrl;
    }

    /** Whether {@code state} means that the broker has just become active, so its readiness is to be checked. */
    boolean isActivation(PairState state) {
        return state.isActive() && (previous == null || !previous.isActive());
    }

    /**
     * @return the lines to print for a change to {@code state}, none when it is no change or says nothing new
     *         (a stop: the broker either starts again or the caller reports its end)
     */
    List<String> linesFor(PairState state) {
        if (state == previous || state == PairState.STOPPED) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        if (isActivation(state)) {
            lines.add("Ledgerline broker ready on " + url + " (" + details + ")");
        }
        switch (state) {
            case ACTIVE_REPLICATED -> lines.add("Ledgerline broker active on " + url + ": replica on " + peerUrl
                    + " in sync, every durable write is replicated");
            case ACTIVE_WITHOUT_REPLICA -> {
                if (previous == PairState.ACTIVE_REPLICATED) {
                    lines.add("Ledgerline broker active on " + url + ": lost its replica on " + peerUrl
                            + ", running without one");
                }
            }
            case ACTIVATING -> lines.add("Ledgerline broker activating on " + url + ": taking over from " + peerUrl
                    + ", loading the journal");
            case PASSIVE -> lines.add("Ledgerline broker passive on " + url + " (" + details
                    + "): replicating the active broker");
            case PASSIVE_SYNCHRONIZED -> lines.add("Ledgerline broker passive on " + url
                    + ": replica in sync, ready to take over");
            default -> throw new IllegalStateException("no line for " + state);
        }
        previous = state;
        return lines;
    }
}
