package dev.ledgerline.ledger.check;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Every invariant of the ledger evaluated at one moment. */
public record InvariantReport(Instant checkedAt, List<InvariantResult> results) {

    public InvariantReport {
        results = List.copyOf(results);
    }

    public boolean allHold() {
        return results.stream().allMatch(InvariantResult::holds);
    }

    public InvariantResult result(String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no invariant named " + name));
    }

    @Override
    public String toString() {
        return results.stream()
                .map(r -> (r.holds() ? "ok   " : "FAIL ") + r.name() + ": " + r.detail())
                .collect(Collectors.joining("\n"));
    }
}
