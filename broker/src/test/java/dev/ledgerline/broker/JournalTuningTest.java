package dev.ledgerline.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTuningTest {

    @TempDir
    Path dir;

    @Test
    void autoMeasuresTheTimerOnTheJournalItWillRunAndLeavesNoFileBehind() throws Exception {
        JournalTuning tuning = JournalTuning.choose(JournalTuning.Choice.AUTO, -1, dir.resolve("journal"));

        assertThat(tuning.type()).isEqualTo(JournalTuning.asyncIoWorksIn(dir.resolve("journal"))
                ? JournalType.ASYNCIO : JournalType.NIO);
        assertThat(tuning.measured()).isTrue();
        // A forced write takes some time on any real disk, and less than a second on any usable one.
        assertThat(tuning.bufferTimeoutNanos()).isPositive().isLessThan(TimeUnit.SECONDS.toNanos(1));
        try (var left = Files.list(dir.resolve("journal"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void nioMeasuresOnAnyMachineAndLeavesNoFileBehind() throws Exception {
        // NIO works wherever the JVM does: the fallback's test must too. (How long a forced write takes
        // depends on the file system: a tmpfs forces nothing, so no lower bound is asserted.)
        Path nio = Files.createDirectories(dir.resolve("nio"));

        long nanos = JournalTuning.nanosPerForcedWrite(JournalType.NIO, nio);

        assertThat(nanos).isPositive().isLessThan(TimeUnit.SECONDS.toNanos(1));
        try (var left = Files.list(nio)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aJournalNamedWithoutATimerKeepsArtemisDefaultAndAGivenTimerIsKept() throws Exception {
        assertThat(JournalTuning.choose(JournalTuning.Choice.NIO, -1, dir))
                .isEqualTo(new JournalTuning(JournalType.NIO, 3_333_333, false));
        assertThat(JournalTuning.choose(JournalTuning.Choice.AUTO, 250_000, dir).bufferTimeoutNanos()).isEqualTo(250_000);
    }

    @Test
    void appliesTypeTimerAndDatasyncToTheConfiguration() {
        Configuration config = new ConfigurationImpl().setJournalDatasync(false);

        new JournalTuning(JournalType.ASYNCIO, 700_000, true).applyTo(config);

        assertThat(config.getJournalType()).isEqualTo(JournalType.ASYNCIO);
        assertThat(config.isJournalDatasync()).isTrue();
        assertThat(config.getJournalBufferTimeout_AIO()).isEqualTo(700_000);
        assertThat(config.getJournalBufferTimeout_NIO()).isEqualTo(700_000);
    }

    @Test
    void describesTheJournalTheBrokerRuns() {
        JournalTuning asked = new JournalTuning(JournalType.ASYNCIO, 812_000, true);

        assertThat(asked.describe(JournalType.NIO)).startsWith("NIO, flush timer 812 µs (the time one forced");
        assertThatThrownBy(() -> new JournalTuning(JournalType.NIO, -2, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
