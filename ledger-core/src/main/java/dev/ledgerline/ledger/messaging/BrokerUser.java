package dev.ledgerline.ledger.messaging;

import java.util.Map;

/**
 * The broker's users, one per kind of client, and where each one's password comes from. The one place these
 * names are written in Java: the broker creates its users from here, and the worker and the tools (tests,
 * drills, benchmark) log in with them. server.xml repeats the server's name and demo password as the defaults
 * of its variables; a test of ledger-ejb fails when it disagrees with this type.
 *
 * <p>Each password is read from an environment variable and falls back to a DEMO DEFAULT written below. The
 * defaults are in the repository on purpose, so that the Quick start and every test run without any setup;
 * they protect nothing against anyone who can read this file. A deployment sets the variables.
 */
public enum BrokerUser {

    /** The Liberty server: its resource adapter's connections and the message-driven beans' sessions. */
    SERVER("ledgerline-server", "LEDGERLINE_BROKER_SERVER_PASSWORD", "ledgerline-server-demo-password"),
    /** The Narayana worker: its XA consumers and its recovery scans of the broker. */
    WORKER("ledgerline-worker", "LEDGERLINE_BROKER_WORKER_PASSWORD", "ledgerline-worker-demo-password"),
    /** The tests, drills and benchmark: they send and read like the applications, and read queue depths. */
    TOOLS("ledgerline-tools", "LEDGERLINE_BROKER_TOOLS_PASSWORD", "ledgerline-tools-demo-password");

    private final String userName;
    private final String passwordVariable;
    private final String demoPassword;

    BrokerUser(String userName, String passwordVariable, String demoPassword) {
        this.userName = userName;
        this.passwordVariable = passwordVariable;
        this.demoPassword = demoPassword;
    }

    /** The name the client logs in with, e.g. {@code ledgerline-server}. */
    public String userName() {
        return userName;
    }

    /** The environment variable that overrides the demo password, e.g. {@code LEDGERLINE_BROKER_SERVER_PASSWORD}. */
    public String passwordVariable() {
        return passwordVariable;
    }

    /** The DEMO DEFAULT password, used when {@link #passwordVariable()} is unset or empty. */
    public String demoPassword() {
        return demoPassword;
    }

    /** The password from this process's environment, else the demo default. */
    public String password() {
        return password(System.getenv());
    }

    /**
     * The password from {@code environment}, else the demo default. An empty value counts as unset: a variable
     * exported empty by a script is a mistake, and an empty password would be refused anyway.
     */
    public String password(Map<String, String> environment) {
        String value = environment.get(passwordVariable);
        return value == null || value.isEmpty() ? demoPassword : value;
    }
}
