package dev.ledgerline.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ledgerline.harness.Installation;

/**
 * drills-lite, in the README's Tests command: one XA point after the decision is logged, one idempotent
 * point between the consumer's commit and its acknowledgement, one broker kill, and one server of a two-server
 * cluster halted after the decision, which its peer must recover. Each runs on a fresh system and must end
 * with every invariant holding.
 */
class DrillsLiteIT {

    @Test
    void theLiteDrillsEndWithEveryInvariantHolding() throws Exception {
        Path output = Path.of(System.getProperty("ledgerline.drills.output", "target/drills-lite"));
        DrillRunner runner = new DrillRunner(new Installation(Path.of(System.getProperty("ledgerline.project.root", ".."))),
                output, 42);
        List<DrillResult> results = new ArrayList<>();
        for (String name : DrillCatalog.LITE) {
            results.add(runner.run(DrillCatalog.named(name).orElseThrow()));
            new DrillReport(output).write(results);
        }
        assertThat(results).allSatisfy(r -> assertThat(r.passed())
                .as("%s: broken %s, notes %s (see %s)", r.drill().name(), r.broken(), r.notes(), output.resolve("report.md"))
                .isTrue());
    }
}
