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
    private final String name;

    private BytemanRules(String name) {
        this.name = name;
    }

    static BytemanRules install(String name, String rules) throws Exception {
        var installed = new BytemanRules(name);
        installed.agent.addScripts(List.of(new ScriptText(name, rules)));
        return installed;
    }

    @Override
    public void close() throws Exception {
        agent.deleteAllRules();
    }
}
