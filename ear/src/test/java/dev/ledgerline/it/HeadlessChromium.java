package dev.ledgerline.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

import dev.ledgerline.testkit.FreePort;
import dev.ledgerline.testkit.LibertyServer;
import dev.ledgerline.testkit.ProcessReaper;

import static org.awaitility.Awaitility.await;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver, which this class starts as a child process
 * and stops by PID (with its browser) on {@link #close()} and, if a test run is cut short, from a shutdown hook.
 * Nothing is downloaded: Selenium is pointed at the installed binaries, and the browser gets a fresh profile.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Process chromedriver;
    private final Path profile;
    private final RemoteWebDriver driver;

    private HeadlessChromium(Process chromedriver, Path profile, RemoteWebDriver driver) {
        this.chromedriver = chromedriver;
        this.profile = profile;
        this.driver = driver;
    }

    static HeadlessChromium start(Dimension window) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "); .ci/run installs them");
        }
        int port = FreePort.pick();
        Process chromedriver = null;
        Path profile = null;
        try {
            // Under target/, so that a profile left by a JVM that died before close() goes with the next clean.
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            profile = Files.createTempDirectory(target, "chromium-profile-");
            // Through the reaper, like every process a test starts: if this JVM exits with the browser still
            // open, the driver and the browser it started are killed with it.
            chromedriver = ProcessReaper.start(
                    new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                            .redirectErrorStream(true)
                            .redirectOutput(Path.of("target", "chromedriver.log").toFile()));
            URL url = URI.create("http://127.0.0.1:" + port).toURL();
            await("chromedriver answers on port " + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> status(url));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile,
                    "--window-size=" + window.getWidth() + "," + window.getHeight()));
            // The UI is served over HTTPS with the certificate the test server made for itself on its first
            // start, which no browser can know beforehand; this browser visits nothing else.
            options.setAcceptInsecureCerts(true);
            RemoteWebDriver driver = new RemoteWebDriver(url, options);
            return new HeadlessChromium(chromedriver, profile, driver);
        } catch (IOException | RuntimeException e) {
            if (chromedriver != null) {
                stop(chromedriver);
            }
            deleteQuietly(profile);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static boolean status(URL base) throws IOException {
        var connection = (java.net.HttpURLConnection) URI.create(base + "/status").toURL().openConnection();
        connection.setConnectTimeout(1000);
        try {
            return connection.getResponseCode() == 200;
        } finally {
            connection.disconnect();
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Saves what the browser shows now as target/screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Path file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            stop(chromedriver);
            deleteQuietly(profile);
        }
    }

    /**
     * The driver and whatever it started (the browser and its helpers), by PID. SIGKILL: a test browser has
     * nothing to save, and its profile is deleted next.
     */
    private static void stop(Process process) {
        ProcessReaper.kill(process.toHandle(), Duration.ofSeconds(10));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            LibertyServer.deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            // a profile left in /tmp is harmless; the processes are what must not be left
        }
    }
}
