package dev.ledgerline.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The demo users of server.xml's basic registry, with their demo passwords (README's table) and the account
 * each customer holds (V5's customer_account). The tests log in as them, as a reader of the README would.
 */
public enum DemoUser {
    ADA("customer", "ACC-001"),
    ALAN("customer", "ACC-002"),
    OLIVIA("operator", null),
    AUDREY("auditor", null),
    ADAM("admin", null);

    private final String role;
    private final String account;

    DemoUser(String role, String account) {
        this.role = role;
        this.account = account;
    }

    public String login() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String password() {
        return login() + "-demo";
    }

    public String role() {
        return role;
    }

    /** The account a customer holds; null for the other roles, which hold none. */
    public String account() {
        return account;
    }

    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((login() + ":" + password()).getBytes(StandardCharsets.UTF_8));
    }
}
