package dev.ledgerline.worker.narayana;

import java.util.Arrays;
import java.util.Optional;

/**
 * The two resource managers the worker's transactions span, each with a stable name. Narayana writes the
 * name of a branch's resource manager into its log, and when recovery finds a branch that no resource manager
 * reports any more it forgets the log only if a resource of that very name was scanned: without a name, a branch
 * that had already committed keeps its log forever (ARJUNA016037 at every scan).
 *
 * <p>The number goes into the branch's Xid (Narayana's "eis name"), so that a prepared XID seen on the broker or
 * in the database tells which side it is.
 */
public enum ResourceManager {

    BROKER(1, "ledgerline/broker", "ActiveMQ Artemis"),
    DATABASE(2, "ledgerline/database", "ledger database");

    private final int eisName;
    private final String jndiName;
    private final String product;

    ResourceManager(int eisName, String jndiName, String product) {
        this.eisName = eisName;
        this.jndiName = jndiName;
        this.product = product;
    }

    /** The number Narayana puts into each branch's Xid. */
    public int eisName() {
        return eisName;
    }

    /** The name recorded with each branch in Narayana's log and given to the recovery scan's resources. */
    public String jndiName() {
        return jndiName;
    }

    public String product() {
        return product;
    }

    public static Optional<ResourceManager> byJndiName(String name) {
        return Arrays.stream(values()).filter(r -> r.jndiName.equals(name)).findFirst();
    }

    public static Optional<ResourceManager> byEisName(int eisName) {
        return Arrays.stream(values()).filter(r -> r.eisName == eisName).findFirst();
    }
}
