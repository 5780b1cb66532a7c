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
        assertTrue(ProcessMeter.compilerCpu(pid).toNanos() > 0, "compiler threads found in /proc");
    }

    @Test
    void refusesRoundsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> JitWarmUp.run("x", 1, 2, 1, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> JitWarmUp.run("x", 1, 0, 1, () -> { }));
    }
}
