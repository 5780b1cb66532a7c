package dev.ledgerline.bench;

/**
 * Which journal the benchmark's brokers run: as the broker starts by default, or as it ran before it tuned its
 * own ({@code --broker-journal artemis-defaults}), so that a change of the broker can be measured before and
 * after on the same machine.
 */
enum BrokerJournal {
    /** The broker's default: ASYNCIO where it works, and a flush timer measured at its start. */
    TUNED(BrokerJournal.ANY),
    /** Artemis's defaults for a broker configured in code: NIO and a 3.33 ms flush timer. */
    ARTEMIS_DEFAULTS(BrokerJournal.ANY + ", NIO journal at Artemis's default 3.33 ms timer", "--journal-type", "nio");

    /** The workload column of the broker ceiling's rows: the broker's work does not depend on the accounts. */
    static final String ANY = "any";

    private final String workload;
    private final String[] brokerArgs;

    BrokerJournal(String workload, String... brokerArgs) {
        this.workload = workload;
        this.brokerArgs = brokerArgs;
    }

    /** The broker ceiling's workload column for this journal. */
    String workload() {
        return workload;
    }

    /** The broker's command-line options for this journal. */
    String[] brokerArgs() {
        return brokerArgs.clone();
    }
}
