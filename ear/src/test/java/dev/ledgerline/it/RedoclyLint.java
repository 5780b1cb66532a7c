package dev.ledgerline.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import dev.ledgerline.testkit.ProcessReaper;

/**
 * Redocly's linter for OpenAPI documents, run through npx at the version the build pins (it downloads it from
 * the npm registry on first use, hence the generous deadline). Node.js and npm are on the machine, like the
 * browser for the UI tests: .ci/run installs them.
 */
final class RedoclyLint {

    /** The first run downloads the CLI; later runs take seconds. */
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private RedoclyLint() {
    }

    /** What the linter said, and whether it found an error (a warning is not one). */
    record Result(int exitCode, String output) {
        boolean passed() {
            return exitCode == 0;
        }
    }

    /**
     * @param cli     the npm package with its version, e.g. {@code @redocly/cli@2.77.0}
     * @param config  the redocly.yaml that chooses the rules
     * @param report  where to keep what it printed
     */
    static Result lint(String cli, Path config, Path document, Path report) throws IOException, InterruptedException {
        Path npx = onPath("npx");
        ProcessBuilder builder = new ProcessBuilder(npx.toString(), "--yes", cli, "lint", "--config",
                config.toString(), document.toString())
                .redirectErrorStream(true)
                .redirectOutput(report.toFile());
        // Neither usage data sent to Redocly nor a nag to upgrade: the version is pinned on purpose.
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process process = ProcessReaper.start(builder);
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            ProcessReaper.kill(process.toHandle(), Duration.ofSeconds(10));
            throw new AssertionError("redocly lint did not finish within " + DEADLINE.toMinutes() + " minutes; "
                    + "what it printed is in " + report);
        }
        return new Result(process.exitValue(), Files.readString(report, StandardCharsets.UTF_8));
    }

    private static Path onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, command)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError(command + " is not on the PATH (" + path + "): the OpenAPI "
                        + "document is linted with Redocly's CLI through npx, which needs Node.js 20.19 or later and "
                        + "npm (Debian: apt-get install nodejs npm, as .ci/run does)"));
    }
}
