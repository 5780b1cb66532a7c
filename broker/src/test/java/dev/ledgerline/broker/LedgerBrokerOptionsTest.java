package dev.ledgerline.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** The pair options are refused, with the reason, when they do not make a pair; nothing starts. */
class LedgerBrokerOptionsTest {

    private static final int INVALID_OPTIONS = 2;

    private final StringWriter errors = new StringWriter();

    @Test
    void aPairRoleNeedsThePeersPort() {
        assertThat(run("--data-dir", "unused", "--role", "backup")).isEqualTo(INVALID_OPTIONS);
        assertThat(errors.toString())
                .contains("--role backup needs --peer-port, the port of the other broker of the pair");
    }

    @Test
    void aPeerWithoutAPairRoleIsAMistake() {
        assertThat(run("--data-dir", "unused", "--peer-port", "61617")).isEqualTo(INVALID_OPTIONS);
        assertThat(errors.toString())
                .contains("--peer-port names the other broker of a pair: add --role primary or --role backup");
    }

    @Test
    void aBrokerCannotBeItsOwnPeer() {
        assertThat(run("--data-dir", "unused", "--role", "PRIMARY", "--port", "61616", "--peer-port", "61616"))
                .isEqualTo(INVALID_OPTIONS);
        assertThat(errors.toString()).contains("the peer is this broker itself: tcp://127.0.0.1:61616");
    }

    @Test
    void anUnknownRoleNamesTheRolesThereAre() {
        assertThat(run("--data-dir", "unused", "--role", "replica")).isEqualTo(INVALID_OPTIONS);
        assertThat(errors.toString()).contains("STANDALONE, PRIMARY, BACKUP");
    }

    private int run(String... args) {
        return LedgerBroker.commandLine().setErr(new PrintWriter(errors, true)).execute(args);
    }
}
