package dev.ledgerline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
        // Not sleep: a process started from a background job (as CI may start this build) inherits SIGINT
        // ignored, and neither sleep nor a shell's trap can undo that. Perl (perl-base, essential on Debian)
        // installs its own handler, as PostgreSQL does, so the signal shows in the exit code.
        Process sleeper = ProcessReaper.start(new ProcessBuilder("perl", "-e",
                "$| = 1; $SIG{INT} = sub { exit 130 }; print \"ready\\n\"; sleep 60"));
        // Only once the handler is in place: a signal sent before it would be lost.
        try (var out = new BufferedReader(new InputStreamReader(sleeper.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
        }

        ProcessReaper.interrupt(sleeper.toHandle());

        assertThat(ProcessReaper.awaitGone(sleeper.toHandle(), TIMEOUT)).isTrue();
        assertThat(sleeper.exitValue()).isEqualTo(130);
    }
}
