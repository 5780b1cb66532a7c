package dev.ledgerline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyncCounterTest {

    @Test
    void sumsTheCallsOfFsyncAndFdatasync() {
        String summary = """
                % time     seconds  usecs/call     calls    errors syscall
                ------ ----------- ----------- --------- --------- ----------------
                 71.43    0.050000         100       500           fdatasync
                 28.57    0.020000          90       222         3 fsync
                ------ ----------- ----------- --------- --------- ----------------
                100.00    0.070000          96       722         3 total
                """;
        assertThat(SyncCounter.parseSyncCalls(summary)).contains(722L);
    }

    @Test
    void anEmptyTableIsZeroAndNoTableIsNoCount() {
        String empty = """
                % time     seconds  usecs/call     calls    errors syscall
                ------ ----------- ----------- --------- --------- ----------------
                100.00    0.000000           0         0           total
                """;
        assertThat(SyncCounter.parseSyncCalls(empty)).contains(0L);
        assertThat(SyncCounter.parseSyncCalls("strace: attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted")).isEmpty();
    }
}
