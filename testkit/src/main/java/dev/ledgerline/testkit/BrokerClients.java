package dev.ledgerline.testkit;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;

import dev.ledgerline.ledger.messaging.BrokerUser;

/**
 * The JMS connection factories with which the tests, drills and benchmark reach the broker: logged in, by
 * default as the tools user ({@link BrokerUser#TOOLS}), with the password of this process's environment or the
 * demo default, as the broker they started reads it. The one place outside the applications that creates an
 * Artemis connection factory, so that none of them forgets the credentials.
 */
public final class BrokerClients {

    private BrokerClients() {
    }

    /** A factory logged in as the tools user, for a core URL such as {@link BrokerProcess#url()}. */
    public static ActiveMQConnectionFactory connectionFactory(String url) {
        return connectionFactory(url, BrokerUser.TOOLS);
    }

    /** A factory logged in as {@code user}, e.g. to check what the server's user may do. */
    public static ActiveMQConnectionFactory connectionFactory(String url, BrokerUser user) {
        return new ActiveMQConnectionFactory(url, user.userName(), user.password());
    }

    /** An XA factory logged in as the tools user, e.g. to prepare a branch as a crashed coordinator would. */
    public static ActiveMQXAConnectionFactory xaConnectionFactory(String url) {
        BrokerUser user = BrokerUser.TOOLS;
        return new ActiveMQXAConnectionFactory(url, user.userName(), user.password());
    }
}
