package dev.ledgerline.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A pass of transfers with strace attached to each named process on its own (with the processes it started,
 * such as PostgreSQL's backends), untimed: the forced writes each process made per transfer, by file. A
 * process strace cannot attach to is left out of the count.
 */
final class TracedPass {

    private TracedPass() {
    }

    /**
     * @param processes the processes to trace, by the name the report gives them
     * @param transfers runs the pass and returns how many transfers it completed
     * @return one count per process strace could follow
     */
    static List<SyncCount> run(Path dir, String scenario, String series, Map<String, Long> processes,
                               Callable<Long> transfers) throws Exception {
        Map<String, SyncCounter> counters = new LinkedHashMap<>();
        List<SyncCount> counts = new ArrayList<>();
        try {
            for (Map.Entry<String, Long> p : processes.entrySet()) {
                SyncCounter.attachTree(dir.resolve(p.getKey()), p.getValue()).ifPresent(c -> counters.put(p.getKey(), c));
            }
            long completed = transfers.call();
            for (Map.Entry<String, SyncCounter> c : counters.entrySet()) {
                c.getValue().stop().ifPresent(n -> counts.add(new SyncCount(scenario, series, c.getKey(), completed, n)));
            }
        } finally {
            counters.values().forEach(SyncCounter::close);
        }
        return counts;
    }
}
