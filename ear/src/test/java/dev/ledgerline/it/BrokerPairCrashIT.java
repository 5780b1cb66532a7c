package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.testkit.BrokerInspector;
import dev.ledgerline.testkit.BrokerPair;
import dev.ledgerline.testkit.FreePort;
import dev.ledgerline.testkit.LibertyServer;
import dev.ledgerline.testkit.PostgresServer;

/**
 * The broker dies, the server carries on: Liberty runs with {@code LEDGERLINE_BROKER_TOPOLOGY=pair} (broker-pair.xml)
 * against a replication pair, the primary is killed with SIGKILL, and transfers of both designs complete
 * through the backup without a restart of the server; then the primary comes back, takes its role back, and
 * transfers complete through it again. The resource adapter's failover is what is tested: the outbound XA
 * factory of the submission and the XA consumers, the outbox relay's sends, and the idempotent message-driven
 * bean's activation.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
class BrokerPairCrashIT {

    private static final Duration START = Duration.ofSeconds(120);
    /** The adapter's reconnection spans about a minute (BrokerUrl); a transfer must not need more. */
    private static final Duration DONE = Duration.ofSeconds(90);
    private static final long AMOUNT_MINOR = 100;

    private final LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort());

    @Test
    void transfersOfBothDesignsCompleteAcrossAFailoverOfTheBrokerAndItsFailBack(PostgresServer postgres)
            throws Exception {
        int primaryPort = FreePort.pick();
        int backupPort = FreePort.pick();
        Map<String, String> settings = new HashMap<>(postgres.ledgerlineEnvironment());
        settings.put("LEDGERLINE_BROKER_TOPOLOGY", "pair");
        settings.put("LEDGERLINE_BROKER_PORT", String.valueOf(primaryPort));
        settings.put("LEDGERLINE_BROKER_BACKUP_PORT", String.valueOf(backupPort));
        try (BrokerPair pair = BrokerPair.start(IntegrationSettings.dataDir().resolve("broker-pair"), primaryPort,
                backupPort);
             LibertyServer server = IntegrationSettings.libertyServer(settings, "liberty-broker-pair-console.log")) {
            server.start("");
            server.awaitApplication(api::isUp, START);
            Map<String, Long> before = api.balances();
            completeOneOfEachDesign();

            long killedAt = System.nanoTime();
            pair.primary().kill();
            pair.awaitBackupActive();
            long backupActiveMillis = millisSince(killedAt);
            completeOneOfEachDesign();
            System.out.printf("broker pair under Liberty: backup active %d ms after the SIGKILL of the primary; "
                    + "a transfer of each design completed through it %d ms after the kill%n",
                    backupActiveMillis, millisSince(killedAt));

            long restartedAt = System.nanoTime();
            pair.restartPrimary();
            completeOneOfEachDesign();
            System.out.printf("broker pair under Liberty: primary back in its role, and a transfer of each design "
                    + "completed through it, %d ms after its restart%n", millisSince(restartedAt));

            // Three rounds: ACC-001 paid three XA transfers to ACC-002, which passed three idempotent ones on.
            api.assertInvariantsHold(Duration.ofSeconds(5));
            Map<String, Long> after = api.balances();
            assertThat(after.get("ACC-001")).isEqualTo(before.get("ACC-001") - 3 * AMOUNT_MINOR);
            assertThat(after.get("ACC-002")).isEqualTo(before.get("ACC-002"));
            assertThat(after.get("ACC-003")).isEqualTo(before.get("ACC-003") + 3 * AMOUNT_MINOR);
            try (BrokerInspector primary = BrokerInspector.connect(pair.primary().url())) {
                assertThat(primary.isReplicaInSync()).isTrue();
                for (TransferQueue queue : TransferQueue.values()) {
                    assertThat(primary.messageCount(queue.deadLetterAddress())).as(queue.deadLetterAddress()).isZero();
                }
            }
        }
    }

    /**
     * An XA transfer and an idempotent one, each submitted and waited for until it is COMPLETED. The XA one is
     * sent again while it answers 503, as a client should: its send is the one that needs the broker, and a
     * failover can fail it twice.
     */
    private void completeOneOfEachDesign() {
        UUID xa = api.submitAcceptedRetryingUnavailable("xa", "ACC-001", "ACC-002", "1.00", "EUR", DONE);
        UUID idempotent = api.submitAccepted("idempotent", "ACC-002", "ACC-003", "1.00", "EUR");
        assertThat(api.awaitFinal(xa, DONE).getString("status")).as("XA transfer %s", xa).isEqualTo("COMPLETED");
        assertThat(api.awaitFinal(idempotent, DONE).getString("status")).as("idempotent transfer %s", idempotent)
                .isEqualTo("COMPLETED");
    }

    private static long millisSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toMillis();
    }
}
