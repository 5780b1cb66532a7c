package dev.ledgerline.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.ledgerline.harness.database.Database;
import dev.ledgerline.ledger.crash.CrashPoint;

class DrillCatalogTest {

    @Test
    void everyCrashPointOfTheRealDesignsIsDrilledOnBothDatabases() {
        for (CrashPoint p : CrashPoint.values()) {
            if (p.design() == CrashPoint.Design.UNSAFE) {
                continue;
            }
            Set<Database> databases = DrillCatalog.all().stream().filter(d -> d.point() == p)
                    .map(Drill::database).collect(Collectors.toSet());
            assertThat(databases).as(p.pointName()).containsExactlyInAnyOrder(Database.values());
        }
    }

    @Test
    void everyXaPointIsDrilledInLibertyAndInTheWorker() {
        for (CrashPoint p : CrashPoint.values()) {
            if (p.design() == CrashPoint.Design.XA) {
                assertThat(DrillCatalog.all().stream().filter(d -> d.point() == p).map(Drill::victim))
                        .as(p.pointName()).contains(Victim.LIBERTY, Victim.WORKER);
            }
        }
    }

    @Test
    void everyXaPointIsDrilledOnAClusterServerAndTheClusterRunsOnPostgresqlOnly() {
        for (CrashPoint p : CrashPoint.values()) {
            if (p.design() == CrashPoint.Design.XA) {
                assertThat(DrillCatalog.all().stream().filter(d -> d.point() == p).map(Drill::victim))
                        .as(p.pointName()).contains(Victim.CLUSTER_SERVER);
            }
        }
        Set<Victim> cluster = Set.of(Victim.CLUSTER_SERVER, Victim.CLUSTER_WORKER, Victim.CLUSTER_BROKER);
        assertThat(DrillCatalog.all().stream().filter(d -> cluster.contains(d.victim())))
                .extracting(Drill::database).containsOnly(Database.POSTGRESQL);
        assertThat(DrillCatalog.all().stream().filter(d -> d.victim() == Victim.CLUSTER_BROKER).map(Drill::modes))
                .hasSize(2);
    }

    @Test
    void theUnsafeControlsMustBreakSomething() {
        assertThat(DrillCatalog.all().stream().filter(d -> d.modes().isUnsafe()))
                .hasSize(2).allSatisfy(d -> assertThat(d.mustFail()).isNotEmpty());
        assertThat(DrillCatalog.all().stream().filter(d -> !d.modes().isUnsafe()))
                .allSatisfy(d -> assertThat(d.mustFail()).isEmpty());
    }

    @Test
    void namesAreUniqueAndTheLiteSubsetExists() {
        assertThat(DrillCatalog.all().stream().map(Drill::name)).doesNotHaveDuplicates();
        assertThat(DrillCatalog.LITE).allSatisfy(n -> assertThat(DrillCatalog.named(n)).isPresent());
    }

    @Test
    void eachDatabasesMatrixHoldsItsOwnCellsAndTheControlsAreInTheDefaultOnes() {
        for (Database db : Database.values()) {
            assertThat(DrillCatalog.matrix(db)).isNotEmpty().allSatisfy(d -> assertThat(d.database()).isEqualTo(db));
        }
        assertThat(DrillCatalog.matrix(Database.DEFAULT).stream().filter(d -> d.modes().isUnsafe())).hasSize(2);
        assertThat(DrillCatalog.matrix(Database.POSTGRESQL).size() + DrillCatalog.matrix(Database.H2).size())
                .isEqualTo(DrillCatalog.all().size());
    }

    @Test
    void theLiteSubsetAndTheControlsRunOnTheDefaultDatabase() {
        assertThat(DrillCatalog.LITE).allSatisfy(n ->
                assertThat(DrillCatalog.named(n).orElseThrow().database()).isEqualTo(Database.DEFAULT));
        assertThat(DrillCatalog.all().stream().filter(d -> d.modes().isUnsafe()))
                .allSatisfy(d -> assertThat(d.database()).isEqualTo(Database.DEFAULT));
    }
}
