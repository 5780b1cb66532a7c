package dev.ledgerline.drills;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.ledgerline.ledger.check.InvariantResult;

/**
 * One row of the drill report. A drill passes when exactly the invariants it was expected to break are broken:
 * none for the real designs, the flaw's own for an unsafe control.
 */
public record DrillResult(Drill drill, long submitted, long completed, long rejected, long failed,
                          Double recoverySeconds, List<InvariantResult> invariants, List<String> notes,
                          String chart) {

    public DrillResult {
        invariants = List.copyOf(invariants);
        notes = List.copyOf(notes);
    }

    /** A drill that could not be carried out (the crash never came, a process would not start): it fails. */
    public static DrillResult aborted(Drill drill, String why, List<String> notes) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.add("drill aborted: " + why);
        return new DrillResult(drill, 0, 0, 0, 0, null, List.of(), all, null);
    }

    public Set<String> broken() {
        Set<String> broken = new TreeSet<>();
        invariants.stream().filter(r -> !r.holds()).forEach(r -> broken.add(r.name()));
        return broken;
    }

    public boolean aborted() {
        return invariants.isEmpty();
    }

    public boolean passed() {
        return !aborted() && broken().equals(new TreeSet<>(drill.mustFail()));
    }

    public Map<String, Boolean> invariantMap() {
        Map<String, Boolean> map = new LinkedHashMap<>();
        invariants.forEach(r -> map.put(r.name(), r.holds()));
        return map;
    }
}
