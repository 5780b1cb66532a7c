package dev.ledgerline.drills;

/** The process a drill kills. */
public enum Victim {
    /** Open Liberty with the EAR: both designs, Liberty's transaction manager coordinating XA. */
    LIBERTY("liberty"),
    /** The standalone worker: the XA design with Narayana coordinating. */
    WORKER("worker"),
    /** The Artemis broker, killed with SIGKILL under load while Liberty runs. */
    BROKER("broker"),
    /** One Liberty server of a cluster of two; the other, its peer, recovers its transactions. */
    CLUSTER_SERVER("cluster"),
    /** One of two Narayana workers consuming beside a Liberty server; only it can recover its transactions. */
    CLUSTER_WORKER("cluster-worker"),
    /** The primary of a cluster's broker pair; its backup takes over. */
    CLUSTER_BROKER("cluster-broker"),
    /** The cluster soak: either server, the worker, the active broker or its backup, at random for each kill. */
    CLUSTER_ANY("cluster-any"),
    /** The soak: Liberty or the broker, chosen at random for each kill. */
    LIBERTY_OR_BROKER("liberty-or-broker");

    private final String label;

    Victim(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
