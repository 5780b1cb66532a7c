package dev.ledgerline.broker;

import java.util.Map;

/**
 * The login the two brokers of a replication pair use with each other: for replication, and for the primary's
 * request to take its role back. It is Artemis's cluster user, which the broker checks itself, before and
 * instead of its security manager, and which may do everything. So it is not one of the clients'
 * {@link dev.ledgerline.ledger.messaging.BrokerUser}s, and nobody but the two brokers should know it.
 *
 * <p>The password is read as those of the clients' users are: from {@value #PASSWORD_VARIABLE}, falling back
 * to a DEMO DEFAULT (also when the variable is empty) so that a pair runs on one machine without setup. The
 * default protects nothing: both brokers of a real pair get the variable, with the same value.
 */
record ClusterLogin(String user, String password) {

    static final String USER = "ledgerline-cluster";
    static final String PASSWORD_VARIABLE = "LEDGERLINE_BROKER_CLUSTER_PASSWORD";
    static final String DEMO_PASSWORD = "ledgerline-cluster-demo-password";

    static ClusterLogin fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static ClusterLogin fromEnvironment(Map<String, String> environment) {
        String value = environment.get(PASSWORD_VARIABLE);
        return new ClusterLogin(USER, value == null || value.isEmpty() ? DEMO_PASSWORD : value);
    }

    /** Says where the password came from, never the password. */
    String describe() {
        return USER + (DEMO_PASSWORD.equals(password)
                ? " with its DEMO password (set " + PASSWORD_VARIABLE + ")"
                : " with the password from " + PASSWORD_VARIABLE);
    }

    @Override
    public String toString() {
        return "ClusterLogin[" + describe() + "]";
    }
}
