package dev.ledgerline.harness.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The login the drills and the benchmark use on Liberty's API: HTTP Basic, sent with every request, from
 * LEDGERLINE_API_USER and LEDGERLINE_API_PASSWORD. The default is the demo admin (a DEMO PASSWORD, see the
 * README), because the drills submit the unsafe demonstration modes, which only an admin may use.
 */
public record ApiLogin(String user, String password) {

    public static final String USER_VARIABLE = "LEDGERLINE_API_USER";
    public static final String PASSWORD_VARIABLE = "LEDGERLINE_API_PASSWORD";
    static final String DEMO_USER = "adam";
    static final String DEMO_PASSWORD = "adam-demo";

    public ApiLogin {
        if (user == null || user.isBlank() || user.contains(":")) {
            throw new IllegalArgumentException("an API user name must be non-blank and without ':', was '" + user + "'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the API user " + user + " needs a password");
        }
    }

    public static ApiLogin fromEnvironment() {
        return from(System.getenv());
    }

    static ApiLogin from(Map<String, String> environment) {
        return new ApiLogin(environment.getOrDefault(USER_VARIABLE, DEMO_USER),
                environment.getOrDefault(PASSWORD_VARIABLE, DEMO_PASSWORD));
    }

    /** The value of the {@code Authorization} header. */
    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Never the password: a login ends up in logs and reports. */
    @Override
    public String toString() {
        return "ApiLogin[" + user + "]";
    }
}
