package dev.ledgerline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class JitWarmUpTest {

    @Test
    void countsOnlyTheCompilerThreadsOfAStatLine() {
        // Fields 14 and 15 (utime, stime) are 120 and 35; a thread name may hold spaces and parentheses.
        String compiler = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194368 900 0 0 0 120 35 0 0 20 0 30 0 77 0 0";
        String worker = "4243 (Thread-3 (act) S 1 4242 4242 0 -1 4194368 900 0 0 0 500 70 0 0 20 0 30 0 77 0 0";
        assertEquals(155, JitWarmUp.compilerTicksOf(compiler));
        assertEquals(0, JitWarmUp.compilerTicksOf(worker));
    }

    @Test
    void stopsAtTheMinimumWhenTheCompilerIsQuiet() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        // A process that is gone used no CPU at all, so its first eligible round counts as quiet.
        JitWarmUp.Outcome outcome = JitWarmUp.run("a finished process", Long.MAX_VALUE, 3, 10, rounds::incrementAndGet);
        assertEquals(3, rounds.get());
        assertEquals(3, outcome.rounds());
        assertTrue(outcome.quiet());
    }

    @Test
    void measuresThisJvmsOwnCompilerThreads() throws Exception {
        // This JVM has compiled something by now; on Linux its compiler threads show a CPU time of their own.
        long pid = ProcessHandle.current().pid();
        JitWarmUp.Outcome outcome = JitWarmUp.run("this JVM", pid, 1, 1, () -> { });
        assertEquals(1, outcome.rounds());
        assertTrue(outcome.share() >= 0 && outcome.share() <= 1, "a share of the CPU: " + outcome.share());
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc here");
        assertTrue(JitWarmUp.compilerCpu(pid).toNanos() > 0, "compiler threads found in /proc");
    }

    @Test
    void refusesRoundsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> JitWarmUp.run("x", 1, 2, 1, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> JitWarmUp.run("x", 1, 0, 1, () -> { }));
    }
}
