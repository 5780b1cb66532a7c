package dev.ledgerline.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiLoginTest {

    @Test
    void withoutSettingsTheDrillsLogInAsTheDemoAdmin() {
        ApiLogin login = ApiLogin.from(Map.of());

        assertThat(login.user()).isEqualTo("adam");
        assertThat(decode(login.authorization())).isEqualTo("adam:adam-demo");
    }

    @Test
    void theEnvironmentChoosesTheUserAndPassword() {
        ApiLogin login = ApiLogin.from(Map.of(ApiLogin.USER_VARIABLE, "olivia", ApiLogin.PASSWORD_VARIABLE, "pä:ss"));

        assertThat(decode(login.authorization())).isEqualTo("olivia:pä:ss");
    }

    @Test
    void thePasswordNeverShowsInTextMeantForLogs() {
        assertThat(new ApiLogin("olivia", "secret-123").toString()).contains("olivia").doesNotContain("secret-123");
    }

    @Test
    void aUserNameWithAColonOrNoPasswordIsRefused() {
        assertThatThrownBy(() -> new ApiLogin("a:b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiLogin("adam", "")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String decode(String authorization) {
        assertThat(authorization).startsWith("Basic ");
        return new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())), StandardCharsets.UTF_8);
    }
}
