package dev.ledgerline.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ledgerline.testkit.LibertyServer;

/**
 * The directory of one run (a drill, a stress run, a benchmark scenario): emptied first, so that every run
 * starts from a fresh database, broker and transaction log.
 */
public final class RunDirectory {

    private RunDirectory() {
    }

    public static Path fresh(Path dir) throws IOException {
        LibertyServer.deleteTree(dir);
        return Files.createDirectories(dir);
    }
}
