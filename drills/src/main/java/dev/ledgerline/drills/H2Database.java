package dev.ledgerline.drills;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The H2 file a drill's victim owns. H2 in file mode admits one process at a time, so the drills open it
 * only while the victim is down: before a restart (to record what the crash left) and after the final stop.
 */
record H2Database(Path dataDir) {

    /** The same URL as server.xml builds from {@code LEDGERLINE_DATA_DIR}. */
    String url() {
        return "jdbc:h2:file:" + dataDir.resolve("h2/ledger").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "ledgerline", "");
    }
}
