package dev.ledgerline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProcessReaperTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aKillReachesTheProcessAndEveryProcessBelowIt() throws Exception {
        // A shell with a child of its own, as Liberty's launcher or PostgreSQL's postmaster has.
        Process shell = ProcessReaper.start(new ProcessBuilder("sh", "-c", "sleep 60 & sleep 60"));
        await().atMost(TIMEOUT).until(() -> shell.toHandle().descendants().count() == 2);
        List<ProcessHandle> tree = shell.toHandle().descendants().toList();

        ProcessReaper.kill(shell.toHandle(), TIMEOUT);

        assertThat(shell.isAlive()).isFalse();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessReaper.isAnyAlive(shell.toHandle())).isFalse();
    }

    @Test
    void aTerminatedProcessEndsByItselfAndIsGone() throws Exception {
        Process sleeper = ProcessReaper.start(new ProcessBuilder("sleep", "60"));

        ProcessReaper.terminate(sleeper.toHandle());

        assertThat(ProcessReaper.awaitGone(sleeper.toHandle(), TIMEOUT)).isTrue();
        assertThat(sleeper.exitValue()).isEqualTo(143);
    }

    @Test
    void anInterruptIsASigint() throws Exception {
        Process sleeper = ProcessReaper.start(new ProcessBuilder("sleep", "60"));

        ProcessReaper.interrupt(sleeper.toHandle());

        assertThat(ProcessReaper.awaitGone(sleeper.toHandle(), TIMEOUT)).isTrue();
        assertThat(sleeper.exitValue()).isEqualTo(130);
    }
}
