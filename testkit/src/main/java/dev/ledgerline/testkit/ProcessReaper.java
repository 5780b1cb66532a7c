package dev.ledgerline.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way the tests, the drills and the benchmark start and end child processes. Every process started
 * here is watched until it exits: if this JVM exits first (a failed test, an aborted drill, Ctrl-C of the
 * benchmark), a shutdown hook ends it, so that no broker, server or database is left holding its port and
 * data directory for the next run. Ending one on purpose goes through the same class: SIGKILL to a whole
 * process tree, SIGTERM, or SIGINT.
 *
 * <p>Processes are reached through their {@link ProcessHandle}, which knows the process's start time: a kill
 * never reaches a later process that happens to get the same PID. Only an orderly JVM exit runs the hook: a
 * JVM that is itself killed with SIGKILL leaves its children behind.
 */
public final class ProcessReaper {

    /** Every watched process, with what the shutdown hook does to it. */
    private static final Map<ProcessHandle, Runnable> WATCHED = new ConcurrentHashMap<>();
    /** How long the hook waits for the processes it killed to go. */
    private static final Duration HOOK_KILL_TIMEOUT = Duration.ofSeconds(10);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::endAll, "ledgerline-process-reaper"));
    }

    private ProcessReaper() {
    }

    /**
     * Starts the process and watches it: SIGKILL to it and its descendants if this JVM exits while it runs.
     */
    public static Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        ProcessHandle handle = process.toHandle();
        watch(handle, () -> killQuietly(handle));
        return process;
    }

    /**
     * Starts the process and watches it, with an orderly stop of its own if this JVM exits while it runs, for
     * a process that a SIGKILL would leave in need of recovery (a database server).
     *
     * @param atExit what the shutdown hook does instead of a SIGKILL; it should itself fall back to one
     */
    public static Process start(ProcessBuilder builder, Runnable atExit) throws IOException {
        Process process = builder.start();
        watch(process.toHandle(), atExit);
        return process;
    }

    /**
     * SIGKILL to the process and to every process below it, like a power cut: no shutdown hook, nothing
     * closed. The descendants are listed before anything is killed, since an orphan is no longer a descendant.
     *
     * @throws IllegalStateException if any of them is still alive after {@code timeout}
     */
    public static void kill(ProcessHandle process, Duration timeout) {
        List<ProcessHandle> tree = tree(process);
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitGone(tree, timeout);
    }

    /** SIGTERM: the process may stop in order (run its shutdown hooks, print a summary); returns at once. */
    public static void terminate(ProcessHandle process) {
        process.destroy();
    }

    /**
     * SIGINT, which Java cannot send itself: through {@code kill -INT}, a child process of its own. PostgreSQL
     * takes it as a fast shutdown. Nothing is sent to a process that has already gone.
     */
    public static void interrupt(ProcessHandle process) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        Process signal = start(new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO());
        if (!signal.waitFor(10, TimeUnit.SECONDS)) {
            kill(signal.toHandle(), Duration.ofSeconds(5));
        }
    }

    /** Whether the process, or any below it, is still alive. */
    public static boolean isAnyAlive(ProcessHandle process) {
        return tree(process).stream().anyMatch(ProcessHandle::isAlive);
    }

    /**
     * Waits until the process and every process below it (as listed now) have gone.
     *
     * @return false if any is still alive after {@code timeout}
     */
    public static boolean awaitGone(ProcessHandle process, Duration timeout) {
        try {
            awaitGone(tree(process), timeout);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void watch(ProcessHandle process, Runnable atExit) {
        WATCHED.put(process, atExit);
        // A process that ended needs no ending: it leaves the watch list by itself, however it ended.
        process.onExit().thenRun(() -> WATCHED.remove(process));
    }

    private static List<ProcessHandle> tree(ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process);
        return tree;
    }

    /** @param tree a process and its descendants, as {@link #tree} lists them: the process itself last */
    private static void awaitGone(List<ProcessHandle> tree, Duration timeout) {
        long root = tree.get(tree.size() - 1).pid();
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("process " + root + " (or one of its descendants) still alive "
                    + timeout.toSeconds() + " s later");
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not wait for process " + root, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for process " + root + " to go", e);
        }
    }

    private static void killQuietly(ProcessHandle process) {
        try {
            kill(process, HOOK_KILL_TIMEOUT);
        } catch (IllegalStateException e) {
            // The JVM is going away; there is no one left to tell.
        }
    }

    private static void endAll() {
        // A snapshot: what the hook itself starts (kill -INT for PostgreSQL) is not for it to end.
        List<Runnable> actions = List.copyOf(WATCHED.values());
        actions.forEach(Runnable::run);
    }
}
