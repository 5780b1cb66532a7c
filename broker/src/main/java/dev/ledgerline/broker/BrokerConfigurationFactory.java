package dev.ledgerline.broker;

import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

import dev.ledgerline.ledger.messaging.BrokerUrl;
import dev.ledgerline.ledger.messaging.RedeliveryPolicy;
import dev.ledgerline.ledger.messaging.TransferQueue;

/**
 * Builds the broker's configuration in code rather than from a {@code broker.xml}: host, port, data directory
 * and redelivery policy all come from the command line, and setting them through typed setters keeps every
 * value checked by the compiler and visible in one place, instead of threading them through XML property
 * substitution.
 */
final class BrokerConfigurationFactory {

    /** Name of the single acceptor; {@link ReadinessProbe} looks it up by this name. */
    static final String ACCEPTOR_NAME = "core";

    /** Address settings match for every address of the broker. */
    private static final String ALL_ADDRESSES = "#";

    /**
     * How long a start waits for the journal's file lock. Artemis waits forever by default, so a second broker
     * on the same data directory (say, a restart before the old process has exited) would hang instead of
     * failing; the operating system releases the lock as soon as the old process is gone, even after SIGKILL.
     */
    private static final long JOURNAL_LOCK_TIMEOUT_MILLIS = 10_000;

    private BrokerConfigurationFactory() {
    }

    /**
     * @param pair this broker's side of a replication pair, or null for a broker on its own
     */
    static Configuration create(Path dataDir, String host, int port, RedeliveryPolicy redelivery,
                                BrokerSecurity security, ReplicationPair pair, JournalTuning journal) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("ledgerline")
                .setPersistenceEnabled(true)
                // Management goes through the core management address (activemq.management); no MBean server.
                .setJMXManagementEnabled(false)
                .setJournalDirectory(journalDirectory(dataDir).toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setJournalLockAcquisitionTimeout(JOURNAL_LOCK_TIMEOUT_MILLIS)
                .addAcceptorConfiguration(ACCEPTOR_NAME, acceptorUri(host, port));
        journal.applyTo(config);

        // Each queue alone on an anycast address of the same name, with its dead-letter queue beside it.
        for (TransferQueue queue : TransferQueue.values()) {
            config.addAddressConfiguration(anycastQueue(queue.address()));
            config.addAddressConfiguration(anycastQueue(queue.deadLetterAddress()));
            config.addAddressSetting(queue.address(), redeliverySettings(redelivery, queue.deadLetterAddress()));
            config.addAddressSetting(queue.deadLetterAddress(), deadLetterSettings(redelivery));
        }
        // A misspelt destination must fail the sender instead of silently collecting messages nobody reads.
        // Forbidding it for "transfers.#" alone is not enough: when "transfers.nope" does not exist, the JMS
        // client falls back to the Artemis 1.x name "jms.queue.transfers.nope", which lies outside that match
        // and would be auto-created. Nothing in Ledgerline relies on auto-creation (temporary queues are
        // created explicitly), so it is off for every address. The specific settings above are merged with
        // this one and inherit the prohibition.
        config.addAddressSetting(ALL_ADDRESSES, new AddressSettings()
                .setAutoCreateAddresses(false)
                .setAutoCreateQueues(false));
        // Authentication and the grants per address; the users themselves go to the security manager.
        security.applyTo(config);
        if (pair != null) {
            pair.applyTo(config);
        }
        return config;
    }

    static Path journalDirectory(Path dataDir) {
        return dataDir.resolve("journal");
    }

    private static String acceptorUri(String host, int port) {
        // Core protocol only: the applications use the Artemis JMS client and resource adapter, nothing else.
        return BrokerUrl.of(host, port) + "?protocols=CORE";
    }

    private static CoreAddressConfiguration anycastQueue(String name) {
        return new CoreAddressConfiguration()
                .setName(name)
                .addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(name)
                        .setAddress(name)
                        .setRoutingType(RoutingType.ANYCAST)
                        .setDurable(true));
    }

    /**
     * A dead letter is redelivered until its consumer has recorded it, however long that takes. Artemis's
     * default would drop it after 10 failed deliveries, there being no dead-letter address behind a dead-letter
     * queue: a database outage of a few minutes would then lose dead letters, and their record, for good. The
     * dead-letter consumers fail on nothing a message holds (they record it), so only an outage makes them
     * fail; the waits between redeliveries are the transfer queues', so that the retries do not spin.
     */
    private static AddressSettings deadLetterSettings(RedeliveryPolicy redelivery) {
        return new AddressSettings()
                .setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(redelivery.redeliveryDelayMillis())
                .setRedeliveryMultiplier(redelivery.redeliveryMultiplier())
                .setMaxRedeliveryDelay(redelivery.maxRedeliveryDelayMillis());
    }

    private static AddressSettings redeliverySettings(RedeliveryPolicy redelivery, String deadLetterAddress) {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(deadLetterAddress))
                .setMaxDeliveryAttempts(redelivery.maxDeliveryAttempts())
                .setRedeliveryDelay(redelivery.redeliveryDelayMillis())
                .setRedeliveryMultiplier(redelivery.redeliveryMultiplier())
                .setMaxRedeliveryDelay(redelivery.maxRedeliveryDelayMillis());
    }
}
