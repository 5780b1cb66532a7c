package dev.ledgerline.drills;

/** What a drill does to the system. */
public enum Fault {
    /** The victim halts itself at an armed crash point ({@code Runtime.halt}, like SIGKILL). */
    CRASH_POINT,
    /** The broker gets SIGKILL while transfers flow, and is started again on the same journal. */
    BROKER_KILL,
    /** The same, while the Narayana worker drains a preloaded load instead of Liberty. */
    BROKER_KILL_UNDER_WORKER,
    /**
     * A cluster server gets SIGKILL while clients send through the load balancer, and is not started again: the
     * requests it held fail, the clients retry them with the same keys, its peer recovers its transactions.
     */
    SERVER_KILL,
    /**
     * The primary broker of a replication pair gets SIGKILL under load; its backup takes over; after the load
     * the primary is started again and takes its role back.
     */
    BROKER_FAILOVER,
    /** Copies of already-applied messages are put on the queue again: a redelivery with no crash. */
    DUPLICATE_DELIVERY,
    /** The soak: SIGKILL to a random process every few seconds, for minutes. */
    RANDOM_KILLS
}
