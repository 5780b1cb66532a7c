package dev.ledgerline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records this test's own JVM through jcmd, as the benchmark records Liberty. */
class JfrProfileTest {

    @TempDir
    Path dir;

    @Test
    void countsEveryForcedWriteAndChargesCpuToTheCodeThatSpentIt() throws Exception {
        JfrProfile recording = JfrProfile.start(ProcessHandle.current().pid(), "jfr-profile-test", dir.resolve("t.jfr"));
        try (FileChannel file = FileChannel.open(dir.resolve("synced"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (int i = 0; i < 5; i++) {
                file.write(ByteBuffer.wrap(new byte[] {(byte) i}));
                file.force(false);
            }
        }
        long spin = burnCpu(600);

        JfrProfile.Summary summary = recording.stop("test", 5);

        assertThat(spin).isNotZero();
        assertThat(summary.forces()).isEqualTo(5);
        assertThat(summary.forcesPerTransfer()).isEqualTo(1.0);
        assertThat(summary.samples()).isPositive();
        assertThat(summary.areas()).extracting(JfrProfile.Share::what).contains("Ledgerline code");
        assertThat(summary.methods()).isNotEmpty();
    }

    @Test
    void theSettingsRecordForcedWritesOfAnyLength() throws Exception {
        assertThat(JfrProfile.everyFileForce())
                .containsPattern("(?s)<event name=\"jdk.FileForce\">.*?<setting name=\"threshold\"[^>]*>0 ms</setting>");
    }

    /** Busy for about {@code millis} ms in this class's own code. */
    private static long burnCpu(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return x == 0 ? 1 : x;
    }
}
