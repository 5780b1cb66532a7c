package dev.ledgerline.ledger.domain;

import java.util.regex.Pattern;

/**
 * Which process ended a transfer, and under which coordinator: recorded with its final status, so that in a
 * cluster (several Liberty servers, Narayana workers, all on the same queues) each transfer says where it was
 * applied, and in what kind of transaction.
 *
 * @param process a stable name of the process: {@code liberty/<server>} or {@code worker/<node id>}
 */
public record AppliedBy(String process, Coordinator coordinator) {

    /** The column {@code transfer.applied_by}. */
    public static final int MAX_PROCESS_LENGTH = 100;

    /** A server's or a worker's own name: what an operator types, and what a log line or a URL can carry as is. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    public AppliedBy {
        if (process == null || process.isBlank() || process.length() > MAX_PROCESS_LENGTH) {
            throw new IllegalArgumentException("a process name must be 1 to " + MAX_PROCESS_LENGTH
                    + " characters, was " + (process == null ? "null" : "'" + process + "'"));
        }
        if (coordinator == null) {
            throw new IllegalArgumentException("the coordinator of " + process + " is missing");
        }
    }

    /** A Liberty server, named by {@code ledgerline.process.name}; its coordinator depends on the design. */
    public static AppliedBy liberty(String serverName, Coordinator coordinator) {
        return new AppliedBy(libertyProcess(serverName), coordinator);
    }

    /** The process name of a Liberty server: {@code liberty/<name>}. */
    public static String libertyProcess(String serverName) {
        return "liberty/" + checkedName(serverName);
    }

    /** A Narayana worker, named by its node identifier, which is unique among the coordinators already. */
    public static AppliedBy worker(String nodeId) {
        return new AppliedBy("worker/" + checkedName(nodeId), Coordinator.NARAYANA);
    }

    private static String checkedName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("must be 1 to 64 letters, digits, '.', '_', '+' or '-', starting with "
                    + "a letter or a digit; was " + (name == null ? "nothing" : "'" + name + "'"));
        }
        return name;
    }
}
