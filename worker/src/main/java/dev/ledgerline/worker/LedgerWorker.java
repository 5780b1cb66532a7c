package dev.ledgerline.worker;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The standalone XA worker: {@code run} consumes {@code transfers.xa} with Narayana coordinating the
 * database and the broker; {@code preload} puts transfers straight on the queue for drills and benchmarks.
 *
 * <p>Exit codes: 0 after a requested stop of {@code run} or a finished {@code preload}, 1 when a command failed
 * with an exception, 2 for invalid options; 137 when a drill's armed crash point halted the JVM.
 */
@Command(name = "ledgerline-worker", mixinStandardHelpOptions = true,
        subcommands = {RunCommand.class, PreloadCommand.class},
        description = "Ledgerline's XA consumer outside the application server.")
public final class LedgerWorker implements Callable<Integer> {

    private static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    LedgerWorker() {
    }

    /** Without a subcommand there is nothing to do: say what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return EXIT_USAGE;
    }

    public static void main(String[] args) {
        WorkerLogging.configure();
        System.exit(new CommandLine(new LedgerWorker()).execute(args));
    }
}
