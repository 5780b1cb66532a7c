package dev.ledgerline.drills;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put what the drills start: Liberty with the EAR, the broker's and the worker's jars, the
 * Byteman agent. Everything comes from this checkout's build; nothing is downloaded at drill time.
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

    /** The Byteman agent jar: on this program's own class path. */
    public Path bytemanJar() {
        try {
            Class<?> agent = Class.forName("org.jboss.byteman.agent.Main");
            return Path.of(agent.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("the Byteman agent is not on the drills' class path", e);
        }
    }

    private static Path existing(Path path, String what) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("missing " + what + ": " + path.toAbsolutePath().normalize()
                    + " (run `mvn -DskipTests install` first)");
        }
        return path;
    }
}
