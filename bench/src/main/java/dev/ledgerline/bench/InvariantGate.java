package dev.ledgerline.bench;

import java.util.List;
import java.util.stream.Collectors;

import dev.ledgerline.ledger.check.InvariantResult;

/**
 * Stops the benchmark at the first scenario that broke an invariant: a fast run that loses money is not a
 * result, so no figure of it is reported as one.
 */
final class InvariantGate {

    private InvariantGate() {
    }

    static void require(String scenario, List<InvariantResult> results) {
        List<InvariantResult> broken = results.stream().filter(r -> !r.holds()).toList();
        if (!broken.isEmpty()) {
            throw new InvariantsBroken(scenario + ": " + broken.size() + " invariant(s) broken: " + broken.stream()
                    .map(r -> r.name() + " (" + r.violations() + "; " + r.detail() + ")").collect(Collectors.joining(", ")));
        }
        System.out.println("bench: " + scenario + ": all " + results.size() + " invariants hold");
    }

    /** The benchmark's loud failure. */
    static final class InvariantsBroken extends RuntimeException {
        InvariantsBroken(String message) {
            super(message);
        }
    }
}
