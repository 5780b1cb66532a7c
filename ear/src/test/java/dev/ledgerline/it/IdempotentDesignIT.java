package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;


import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * What only the idempotent design has to prove: a message delivered twice changes nothing the second
 * time; and transfers racing on the same two accounts conflict, retry and lose no update, one message per
 * transaction or in batches. Both designs on
 * the same accounts at once is {@link PostgresCrashIT}'s load test. On the default database, PostgreSQL: H2
 * loses updates in exactly this race (docs/h2-lost-update.md).
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IdempotentDesignIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort());

    @Deployment(testable = false)
    static EnterpriseArchive ledgerline() {
        return Deployments.ledgerline();
    }

    @Test
    void theSameMessageDeliveredTwiceIsAppliedOnce() throws Exception {
        Map<String, Long> before = api.balances();
        UUID id = api.submitAccepted("idempotent", "ACC-007", "ACC-008", "2.22", "EUR");
        assertThat(api.awaitFinal(id, DEADLINE).getString("status")).isEqualTo("COMPLETED");
        long skippedBefore = api.statistics().getJsonNumber("duplicatesSkipped").longValue();

        // A second copy with the same message key, as a relay that died before marking its row would send.
        MessageCopies.sendCopy(id);

        await("the copy is skipped").atMost(DEADLINE)
                .until(() -> api.statistics().getJsonNumber("duplicatesSkipped").longValue() == skippedBefore + 1);
        Map<String, Long> after = api.balances();
        assertThat(after.get("ACC-007")).isEqualTo(before.get("ACC-007") - 222);
        assertThat(after.get("ACC-008")).isEqualTo(before.get("ACC-008") + 222);
        api.assertInvariantsHold(Duration.ZERO);
    }

    @Test
    void transfersRacingOnTwoHotAccountsConflictRetryAndLoseNoUpdate() throws Exception {
        // One message per transaction, the path a message takes alone: versioned updates without locks, which
        // lose races and retry.
        String oneMessagePerTransaction = """
                RULE one message per idempotent transaction
                CLASS dev.ledgerline.server.config.LedgerSettings
                METHOD idempotentBatchSize
                AT ENTRY
                IF true
                DO return 1
                ENDRULE
                """;
        long conflicts;
        try (var single = BytemanRules.install("one-message-per-transaction", oneMessagePerTransaction)) {
            conflicts = raceOnTwoHotAccounts(500);
        }
        System.out.println("idempotent contention, one message per transaction: 500 transfers between ACC-001 and"
                + " ACC-002, " + conflicts + " version conflicts retried");
        assertThat(conflicts).as("version conflicts under contention").isPositive();
        api.assertInvariantsHold(Duration.ZERO);
    }

    /** The same race in batches (the default): each batch locks its rows first, so batches wait, not retry. */
    @Test
    void batchesRacingOnTwoHotAccountsLoseNoUpdate() throws Exception {
        long conflicts = raceOnTwoHotAccounts(500);
        System.out.println("idempotent contention, in batches: 500 transfers between ACC-001 and ACC-002, "
                + conflicts + " version conflicts retried");
        api.assertInvariantsHold(Duration.ZERO);
    }

    /**
     * Submits {@code count} transfers back and forth between ACC-001 and ACC-002, held in the outbox until all
     * are in so that they reach the consumers as one backlog, and waits until each is final.
     *
     * @return the version conflicts the consumers retried meanwhile
     */
    private long raceOnTwoHotAccounts(int count) throws Exception {
        long conflictsBefore = api.statistics().getJsonNumber("versionConflicts").longValue();
        // Widen the window between reading the accounts and writing them, as a slower database would, so that
        // the consumers' races on the two accounts are certain rather than a matter of timing on this machine.
        String widenRace = """
                RULE widen the window between read and write
                CLASS dev.ledgerline.ledger.apply.LedgerPosting
                METHOD post
                AT ENTRY
                IF true
                DO java.lang.Thread.sleep(10L)
                ENDRULE
                """;
        String holdRelay = """
                RULE hold the outbox relay
                CLASS dev.ledgerline.server.idempotent.OutboxPublisher
                METHOD publishBatch
                AT ENTRY
                IF true
                DO return 0
                ENDRULE
                """;
        try (var widened = BytemanRules.install("widen-race", widenRace)) {
            List<UUID> ids;
            try (var held = BytemanRules.install("hold-relay", holdRelay)) {
                ids = submitConcurrently(count, () -> {
                    var random = ThreadLocalRandom.current();
                    boolean forward = random.nextBoolean();
                    String amount = random.nextInt(1, 10) + "." + String.format("%02d", random.nextInt(100));
                    return api.submitAccepted("idempotent", forward ? "ACC-001" : "ACC-002",
                            forward ? "ACC-002" : "ACC-001", amount, "EUR");
                });
                assertThat(api.transfer(ids.get(0)).getString("status")).as("held in the outbox").isEqualTo("QUEUED");
            }
            for (UUID id : ids) {
                assertThat(api.awaitFinal(id, DEADLINE).getString("status")).isIn("COMPLETED", "REJECTED");
            }
        }
        return api.statistics().getJsonNumber("versionConflicts").longValue() - conflictsBefore;
    }

    private static List<UUID> submitConcurrently(int count, Callable<UUID> submission) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<UUID> ids = new ArrayList<>();
            for (Future<UUID> f : clients.invokeAll(Collections.nCopies(count, submission))) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            clients.shutdownNow();
        }
    }
}
