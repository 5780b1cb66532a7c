package dev.ledgerline.worker;

import picocli.CommandLine;

/** The run command parsed as its options tests need it: the required options filled in, nothing started. */
final class RunCommandParsing {

    private RunCommandParsing() {
    }

    static RunCommand parse(String... options) {
        RunCommand run = new RunCommand();
        String[] args = new String[options.length + 4];
        args[0] = "--db-url";
        args[1] = "jdbc:h2:mem:unused";
        args[2] = "--data-dir";
        args[3] = "unused";
        System.arraycopy(options, 0, args, 4, options.length);
        new CommandLine(run).parseArgs(args);
        return run;
    }
}
