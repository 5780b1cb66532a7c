package dev.ledgerline.broker;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

import dev.ledgerline.ledger.messaging.BrokerUser;
import dev.ledgerline.ledger.messaging.TransferQueue;

/**
 * Who may connect to the broker and what each may do there. Every client logs in as one of the
 * {@link BrokerUser}s; nobody else gets in, not even without credentials (no default user, no guest).
 *
 * <p>Two roles, each granted on named addresses only (no setting matches {@code #}, so an address not named
 * here grants nothing to anyone):
 * <ul>
 *   <li>{@value #QUEUES_ROLE}, held by every user: send, consume and browse on the transfer queues and their
 *       dead-letter queues, and nothing else. No queue or address creation: the broker creates them all at
 *       start. Browse because the server counts dead letters with a queue browser (the web page's backlog).</li>
 *   <li>{@value #MANAGEMENT_ROLE}, held by the tools user only: management requests on the management address
 *       (the tests' and drills' BrokerInspector reads queue depths and queue names that way), and the
 *       temporary queue it takes the replies on. The Artemis ClientRequestor names that queue after the
 *       management address ({@code activemq.management.<uuid>}), so the grant for it stays off {@code #}.</li>
 * </ul>
 *
 * <p>Users live in memory ({@link InVMLoginModule} over a {@link SecurityConfiguration}) under the JAAS
 * security manager, which the Artemis documentation names as its default. The other built-in one,
 * ActiveMQBasicSecurityManager, keeps users in the bindings journal: a password changed in the environment
 * would then have to be pushed through management on every start, and a user dropped here would live on in
 * the journal.
 */
final class BrokerSecurity {

    /** May send, consume and browse on the Ledgerline queues; every user holds it. */
    static final String QUEUES_ROLE = "ledgerline-queues";
    /** May read the broker through management messages; the tools user alone holds it. */
    static final String MANAGEMENT_ROLE = "ledgerline-management";

    private static final Logger LOG = Logger.getLogger(BrokerSecurity.class.getName());

    private final Map<BrokerUser, String> passwords;

    private BrokerSecurity(Map<BrokerUser, String> passwords) {
        this.passwords = passwords;
    }

    /** The users with the passwords of this process's environment, demo defaults where unset. */
    static BrokerSecurity fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static BrokerSecurity fromEnvironment(Map<String, String> environment) {
        Map<BrokerUser, String> passwords = new EnumMap<>(BrokerUser.class);
        for (BrokerUser user : BrokerUser.values()) {
            passwords.put(user, user.password(environment));
        }
        return new BrokerSecurity(passwords);
    }

    /** Turns security on in {@code config} and adds the role grants; the users are the security manager's. */
    void applyTo(Configuration config) {
        config.setSecurityEnabled(true);
        Set<Role> queues = Set.of(role(QUEUES_ROLE, r -> {
            r.setSend(true);
            r.setConsume(true);
            r.setBrowse(true);
        }));
        for (TransferQueue queue : TransferQueue.values()) {
            config.putSecurityRoles(queue.address(), queues);
            config.putSecurityRoles(queue.deadLetterAddress(), queues);
        }
        String management = config.getManagementAddress().toString();
        // Sending the request is checked as "manage" on the management address, not as "send".
        config.putSecurityRoles(management, Set.of(role(MANAGEMENT_ROLE, r -> r.setManage(true))));
        // The exact match above takes precedence over this one for the management address itself. Send, because
        // the broker routes the reply in the requester's session and checks it as the requester's own send.
        config.putSecurityRoles(management + ".#", Set.of(role(MANAGEMENT_ROLE, r -> {
            r.setCreateNonDurableQueue(true);
            r.setDeleteNonDurableQueue(true);
            r.setConsume(true);
            r.setSend(true);
        })));
    }

    /** The security manager that knows the users, their passwords and their roles, and no default user. */
    ActiveMQJAASSecurityManager securityManager() {
        SecurityConfiguration users = new SecurityConfiguration();
        for (Map.Entry<BrokerUser, String> entry : passwords.entrySet()) {
            String name = entry.getKey().userName();
            users.addUser(name, entry.getValue());
            for (String role : rolesOf(entry.getKey())) {
                users.addRole(name, role);
            }
        }
        return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users);
    }

    /** Says once, at start, that security is on and who may log in: names and roles, never passwords. */
    void logUsers() {
        List<String> described = new ArrayList<>();
        for (BrokerUser user : passwords.keySet()) {
            boolean demo = passwords.get(user).equals(user.demoPassword());
            described.add(user.userName() + " " + rolesOf(user) + (demo
                    ? " with its DEMO password (set " + user.passwordVariable() + ")"
                    : " with the password from " + user.passwordVariable()));
        }
        LOG.info("security is on, no anonymous access; users: " + String.join(", ", described));
    }

    static List<String> rolesOf(BrokerUser user) {
        return user == BrokerUser.TOOLS ? List.of(QUEUES_ROLE, MANAGEMENT_ROLE) : List.of(QUEUES_ROLE);
    }

    private static Role role(String name, Consumer<Role> permissions) {
        Role role = new Role();
        role.setName(name);
        permissions.accept(role);
        return role;
    }
}
