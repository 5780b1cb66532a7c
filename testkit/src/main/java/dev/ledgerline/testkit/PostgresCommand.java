package dev.ledgerline.testkit;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs {@link PostgresServer} in the foreground for the Quick start ({@code bin/ledgerline run --postgres}),
 * until this process is told to stop (SIGTERM, Ctrl-C): then PostgreSQL gets a fast shutdown.
 */
@Command(name = "ledgerline-postgres", mixinStandardHelpOptions = true,
        description = "Runs a PostgreSQL server for Ledgerline on 127.0.0.1 (initialised on first use).")
public final class PostgresCommand implements Callable<Integer> {

    @Option(names = "--data-dir", required = true, description = "the cluster's directory; created by initdb if empty")
    private Path dataDir;

    @Option(names = "--port", defaultValue = "25432", description = "TCP port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    private int port;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PostgresCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PostgresServer server = PostgresServer.start(dataDir, port);
        // The bin script waits for this line before it starts Liberty.
        System.out.println("Ledgerline PostgreSQL ready on " + PostgresServer.HOST + ":" + server.port()
                + " (" + server.jdbcUrl() + ", pid " + server.pid() + ")");
        return server.awaitExit() == 0 ? 0 : 1;
    }
}
