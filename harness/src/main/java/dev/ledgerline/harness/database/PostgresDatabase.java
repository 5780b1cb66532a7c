package dev.ledgerline.harness.database;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import dev.ledgerline.testkit.FreePort;
import dev.ledgerline.testkit.PostgresServer;

/**
 * A PostgreSQL server of the run's own (a fresh cluster in the run directory, loopback, prepared
 * transactions enabled), stopped by PID when the run ends. Unlike H2's file it can be read while the
 * process under test runs, so a drill's money timeline reads it directly and never has a gap.
 */
final class PostgresDatabase implements DatabaseUnderTest {

    private final PostgresServer server;

    private PostgresDatabase(PostgresServer server) {
        this.server = server;
    }

    static PostgresDatabase start(Path dataDir) throws Exception {
        return start(dataDir, FreePort.pick());
    }

    static PostgresDatabase start(Path dataDir, int port) throws Exception {
        return new PostgresDatabase(PostgresServer.start(dataDir, port));
    }

    @Override
    public String jdbcUrl() {
        return server.jdbcUrl();
    }

    @Override
    public String user() {
        return server.user();
    }

    @Override
    public String password() {
        return server.password();
    }

    @Override
    public Map<String, String> libertyEnvironment() {
        return server.ledgerlineEnvironment();
    }

    @Override
    public boolean readableWhileInUse() {
        return true;
    }

    @Override
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(user());
        dataSource.setPassword(password());
        return dataSource;
    }

    @Override
    public OptionalLong serverPid() {
        return OptionalLong.of(server.pid());
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop PostgreSQL (pid " + server.pid() + ")", e);
        }
    }
}
