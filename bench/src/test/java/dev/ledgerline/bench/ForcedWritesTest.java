package dev.ledgerline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ForcedWritesTest {

    @Test
    void countsEachCallOnceByTheFileItForced() {
        List<String> trace = List.of(
                "4101 fdatasync(5</runs/c1/db/pgdata/pg_wal/000000010000000000000001>) = 0",
                "4101 fdatasync(5</runs/c1/db/pgdata/pg_wal/000000010000000000000002> <unfinished ...>",
                "4230 fsync(9</runs/c1/broker/journal/activemq-data-2.amq>) = 0",
                "4101 <... fdatasync resumed>) = 0",
                "4230 +++ exited with 0 +++");

        ForcedWrites writes = ForcedWrites.parse(trace, List.of());

        assertThat(writes.byTarget()).containsExactly(Map.entry("fdatasync pgdata/pg_wal/*", 2L),
                Map.entry("fsync broker/journal/activemq-data-*.amq", 1L));
        assertThat(writes.total()).isEqualTo(3);
        assertThat(writes.describePerTransfer(2)).isEqualTo(
                "fdatasync pgdata/pg_wal/* 1.00, fsync broker/journal/activemq-data-*.amq 0.50");
    }

    @Test
    void anMsyncIsTheFileMappedAtItsAddress() {
        List<String> maps = List.of(
                "7f3c2c000000-7f3c2c100000 rw-s 00000000 fe:01 1234                       /srv/liberty/logs/tranlog/tranlog/log1",
                "7f3c2d000000-7f3c2d021000 rw-p 00000000 00:00 0 ");
        List<String> trace = List.of(
                "5120 msync(0x7f3c2c004000, 4096, MS_SYNC) = 0",
                "5121 msync(0x7f3c2c008000, 8192, MS_SYNC) = 0",
                "5121 msync(0x7f3c2d001000, 4096, MS_SYNC) = 0");

        ForcedWrites writes = ForcedWrites.parse(trace, maps);

        assertThat(writes.byTarget()).containsExactly(Map.entry("msync tranlog/tranlog/log*", 2L),
                Map.entry("msync (a mapping gone before the count)", 1L));
    }

    @Test
    void noTraceIsNoWrite() {
        assertThat(ForcedWrites.parse(List.of(), List.of()).total()).isZero();
        assertThat(ForcedWrites.parse(List.of(), List.of()).describePerTransfer(10)).isEqualTo("none");
    }

    @Test
    void narayanasRecordFilesCountAsOneFileWhateverTheirUid() {
        List<String> trace = List.of(
                "2101 fsync(41</data/tx-object-store/ShadowNoFileLockStore/defaultStore/StateManager/BasicAction/"
                        + "TwoPhaseCoordinator/AtomicAction/0_ffff7f000001_a9d3_6b060523_bc>) = 0",
                "2102 fsync(42</data/tx-object-store/ShadowNoFileLockStore/defaultStore/StateManager/BasicAction/"
                        + "TwoPhaseCoordinator/AtomicAction/0_ffff7f000001_a9d3_6b060523_1fe>) = 0");

        assertThat(ForcedWrites.parse(trace, List.of()).byTarget())
                .containsExactly(Map.entry("fsync TwoPhaseCoordinator/AtomicAction/*", 2L));
    }
}
