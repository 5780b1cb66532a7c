package dev.ledgerline.ledger.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * What coordinated the transaction that ended a transfer: a transaction manager, for the XA design, or
 * nothing, for the designs built on local transactions. The wire name is what the database and the API hold.
 */
public enum Coordinator {
    /** Open Liberty's transaction manager: the XA design's consumers on the server. */
    LIBERTY_TM("liberty-tm"),
    /** Narayana, in the standalone worker: the XA design outside the server. */
    NARAYANA("narayana"),
    /**
     * None: a local database transaction, committed apart from the message's acknowledgement (the idempotent
     * design, the unsafe demonstration modes, and their dead-letter consumers).
     */
    NONE("none");

    private final String wireName;

    Coordinator(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Coordinator> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }
}
