package dev.ledgerline.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills, when the test JVM exits, every child process that a test started and did not close — a failed or
 * aborted test must not leave a broker holding its port and data directory for the next build.
 *
 * <p>Only an orderly JVM exit runs the hook: a test JVM that is itself killed with SIGKILL leaves its children
 * behind.
 */
final class ProcessReaper {

    private static final Set<ProcessHandle> WATCHED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::killAll, "ledgerline-process-reaper"));
    }

    private ProcessReaper() {
    }

    static void watch(ProcessHandle process) {
        WATCHED.add(process);
    }

    static void release(ProcessHandle process) {
        WATCHED.remove(process);
    }

    private static void killAll() {
        // SIGKILL, not SIGTERM: the JVM is going away and will not wait for a graceful stop.
        WATCHED.forEach(ProcessHandle::destroyForcibly);
    }
}
