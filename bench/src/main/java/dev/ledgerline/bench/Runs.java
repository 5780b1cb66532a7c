package dev.ledgerline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ledgerline.testkit.LibertyServer;

/** A scenario's run directory: emptied first, so every scenario starts from a fresh database and broker. */
final class Runs {

    private Runs() {
    }

    static Path fresh(Path dir) throws IOException {
        LibertyServer.deleteTree(dir);
        return Files.createDirectories(dir);
    }
}
