package dev.ledgerline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.xa.PGXADataSource;

import dev.ledgerline.db.LedgerSchema;

/** Runs the real PostgreSQL server as a child process and checks what the drills rely on: XA that survives a crash. */
class PostgresServerTest {

    /** Under target/, not a JUnit @TempDir: the postgres user must be able to reach it when the build runs as root. */
    private static final Path DATA = Path.of("target", "postgres-server-test").toAbsolutePath();

    private PostgresServer server;

    @BeforeEach
    void start() throws Exception {
        LibertyServer.deleteTree(DATA);
        server = PostgresServer.start(DATA, FreePort.pick());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aPreparedBranchSurvivesASigkillAndIsCommittedAfterTheRestart() throws Exception {
        LedgerSchema.migrate(dataSource());
        try (Connection c = connect()) {
            assertThat(Integer.parseInt(show(c, "max_prepared_transactions"))).isPositive();
            assertThat(show(c, "fsync")).isEqualTo("on");
            assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
        }
        long before = balance("ACC-001");

        Xid xid = new TestXid(4242, "ledgerline-test-gtrid", "branch-1");
        var xaDataSource = xaDataSource();
        var xaConnection = xaDataSource.getXAConnection();
        XAResource branch = xaConnection.getXAResource();
        branch.start(xid, XAResource.TMNOFLAGS);
        try (Statement s = xaConnection.getConnection().createStatement()) {
            s.executeUpdate("UPDATE account SET balance_minor = balance_minor - 100 WHERE id = 'ACC-001'");
        }
        branch.end(xid, XAResource.TMSUCCESS);
        assertThat(branch.prepare(xid)).isEqualTo(XAResource.XA_OK);

        long crashedPid = server.pid();
        server.kill();
        assertThat(ProcessHandle.of(crashedPid)).isEmpty();
        server.restart();

        assertThat(preparedGids()).hasSize(1);
        var recovery = xaDataSource().getXAConnection();
        try {
            XAResource resource = recovery.getXAResource();
            Xid[] inDoubt = resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            assertThat(inDoubt).hasSize(1);
            assertThat(inDoubt[0].getFormatId()).isEqualTo(xid.getFormatId());
            assertThat(inDoubt[0].getGlobalTransactionId()).isEqualTo(xid.getGlobalTransactionId());
            assertThat(inDoubt[0].getBranchQualifier()).isEqualTo(xid.getBranchQualifier());
            resource.commit(inDoubt[0], false);
        } finally {
            recovery.close();
        }
        assertThat(preparedGids()).isEmpty();
        assertThat(balance("ACC-001")).isEqualTo(before - 100);

        long pid = server.pid();
        server.stop();
        assertThat(ProcessHandle.of(pid)).isEmpty();
    }

    private PGSimpleDataSource dataSource() {
        var ds = new PGSimpleDataSource();
        ds.setUrl(server.jdbcUrl());
        ds.setUser(server.user());
        ds.setPassword(server.password());
        return ds;
    }

    private PGXADataSource xaDataSource() {
        var ds = new PGXADataSource();
        ds.setUrl(server.jdbcUrl());
        ds.setUser(server.user());
        ds.setPassword(server.password());
        return ds;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long balance(String account) throws SQLException {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT balance_minor FROM account WHERE id = ?")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> preparedGids() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT gid FROM pg_prepared_xacts WHERE database = current_database()")) {
            List<String> gids = new java.util.ArrayList<>();
            while (rs.next()) {
                gids.add(rs.getString(1));
            }
            return gids;
        }
    }

    /** A transaction branch id as a coordinator would make one. */
    private record TestXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {
        TestXid(int formatId, String gtrid, String bqual) {
            this(formatId, gtrid.getBytes(StandardCharsets.US_ASCII), bqual.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public int getFormatId() {
            return formatId;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return Arrays.copyOf(gtrid, gtrid.length);
        }

        @Override
        public byte[] getBranchQualifier() {
            return Arrays.copyOf(bqual, bqual.length);
        }
    }
}
