package dev.ledgerline.harness;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ledgerline.testkit.BrokerProcess;
import dev.ledgerline.testkit.WorkerProcess;

/**
 * Where the build put what the drills and the benchmark start: Liberty with the EAR, the broker's and the
 * worker's jars, the Byteman agent. Everything comes from this checkout's build; nothing is downloaded at
 * run time.
 */
public record Installation(Path projectRoot) {

    public Path wlpHome() {
        return existing(projectRoot.resolve("ear/target/liberty/wlp"), "Liberty (build the ear module)");
    }

    public Path ear() {
        return existing(projectRoot.resolve("ear/target/ledgerline.ear"), "the EAR (build the ear module)");
    }

    public Path brokerLib() {
        return existing(projectRoot.resolve("broker/target/broker/lib"), "the broker's jars (build the broker module)");
    }

    public Path workerLib() {
        return existing(projectRoot.resolve("worker/target/worker/lib"), "the worker's jars (build the worker module)");
    }

    /**
     * Points the testkit's launchers ({@link BrokerProcess}, {@link WorkerProcess}) at this build's jars: they
     * read their lib directories from system properties, whose defaults suit only a test's working directory.
     */
    public Installation useForChildProcesses() {
        System.setProperty(BrokerProcess.LIB_DIR_PROPERTY, brokerLib().toString());
        System.setProperty(WorkerProcess.LIB_DIR_PROPERTY, workerLib().toString());
        return this;
    }

    /** The Byteman agent jar: on this program's own class path. */
    public Path bytemanJar() {
        try {
            Class<?> agent = Class.forName("org.jboss.byteman.agent.Main");
            return Path.of(agent.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("the Byteman agent is not on this program's class path", e);
        }
    }

    private static Path existing(Path path, String what) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("missing " + what + ": " + path.toAbsolutePath().normalize()
                    + " (run `./mvnw -DskipTests install` first)");
        }
        return path;
    }
}
