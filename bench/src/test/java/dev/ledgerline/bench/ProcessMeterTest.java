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
}
