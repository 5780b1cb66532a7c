package dev.ledgerline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code profile.md}: what the flight recordings of a profiled run say, one section per scenario. */
final class ProfileReport {

    private ProfileReport() {
    }

    static void write(List<JfrProfile.Summary> summaries, Path file) throws IOException {
        StringBuilder md = new StringBuilder("""
                # Where Liberty spends its time

                One Java Flight Recording per closed-loop scenario (JDK "profile" settings, execution samples every
                10 ms of CPU), taken while the scenario ran. CPU by area charges each sample to the innermost frame
                that belongs to a known library. Forced writes are `jdk.FileForce` events in Liberty's JVM, which
                holds H2's file and the transaction log: calls of `FileChannel.force` only. A write made durable
                another way (`MappedByteBuffer.force`, a file opened for synchronous writes) is not an event, so
                zero here does not mean that nothing reached the disk. The broker's syncs happen in its own
                process and are not here.

                """);
        for (JfrProfile.Summary s : summaries) {
            md.append(String.format(Locale.ROOT, "## %s%n%n%d transfers, %d CPU samples (%.1f per transfer); "
                            + "%d forced writes (%.2f per transfer, %d ms in all). Recording: `%s`.%n%n",
                    s.scenario(), s.transfers(), s.samples(), s.transfers() == 0 ? 0.0 : (double) s.samples() / s.transfers(),
                    s.forces(), s.forcesPerTransfer(), s.forceTime().toMillis(), s.recording().getFileName()));
            md.append("| CPU by area | samples | share |\n| --- | ---: | ---: |\n");
            s.areas().forEach(a -> md.append(String.format(Locale.ROOT, "| %s | %d | %.1f %% |%n", a.what(), a.samples(), a.percent())));
            md.append("\n| hottest methods (self) | samples | share |\n| --- | ---: | ---: |\n");
            s.methods().forEach(m -> md.append(String.format(Locale.ROOT, "| `%s` | %d | %.1f %% |%n", m.what(), m.samples(), m.percent())));
            md.append('\n');
        }
        Files.writeString(file, md);
    }
}
