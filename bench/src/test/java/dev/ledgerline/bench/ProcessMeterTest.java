package dev.ledgerline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessMeterTest {

    @Test
    void readsTheHeapInUseFromG1sHeapInfo() {
        String heapInfo = """
                12345:
                 garbage-first heap   total 262144K, used 46080K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 1 young (1024K), 0 survivors (0K)
                 Metaspace       used 30000K, committed 30500K, reserved 1114112K
                """;
        assertThat(ProcessMeter.parseHeapUsedMb(heapInfo)).isEqualTo(45.0);
    }

    @Test
    void anUnknownFormatGivesNoFigure() {
        assertThat(ProcessMeter.parseHeapUsedMb("Metaspace used 30000K")).isNull();
    }

    @Test
    void countsOnlyTheCompilerThreadsOfAStatLine() {
        // Fields 14 and 15 (utime, stime) are 120 and 35; a thread name may hold spaces and parentheses.
        String compiler = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194368 900 0 0 0 120 35 0 0 20 0 30 0 77 0 0";
        String worker = "4243 (Thread-3 (act) S 1 4242 4242 0 -1 4194368 900 0 0 0 500 70 0 0 20 0 30 0 77 0 0";
        assertThat(ProcessMeter.compilerTicksOf(compiler)).isEqualTo(155);
        assertThat(ProcessMeter.compilerTicksOf(worker)).isZero();
    }
}
