package dev.ledgerline.it;

import java.util.List;

import org.jboss.byteman.agent.submit.ScriptText;
import org.jboss.byteman.agent.submit.Submit;

/**
 * Installs fault-injection rules into the running server through the Byteman agent's listener (loopback
 * only, present only in the test server's JVM), and removes them again.
 */
final class BytemanRules implements AutoCloseable {

    private final Submit agent = new Submit("127.0.0.1", IntegrationSettings.bytemanPort());
    private final ScriptText script;

    private BytemanRules(ScriptText script) {
        this.script = script;
    }

    static BytemanRules install(String name, String rules) throws Exception {
        var installed = new BytemanRules(new ScriptText(name, rules));
        installed.agent.addScripts(List.of(installed.script));
        return installed;
    }

    /** Removes this script's rules, and only them. */
    @Override
    public void close() throws Exception {
        agent.deleteScripts(List.of(script));
    }
}
