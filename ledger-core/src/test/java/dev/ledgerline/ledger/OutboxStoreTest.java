package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.check.InvariantChecker;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.store.OutboxMessage;
import dev.ledgerline.ledger.store.OutboxStore;

class OutboxStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    // Whole microseconds: what both databases keep of a timestamp, so that values read back compare equal.
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private final OutboxStore outbox = new OutboxStore();
    private JdbcDataSource ds;
    private UUID transferId;

    @BeforeEach
    void freshLedger() throws SQLException {
        ds = LedgerDatabase.fresh();
        transferId = LedgerDatabase.queue(ds, "ACC-001", "ACC-002", 100, now).id();
    }

    private long insert(String payload, Instant createdAt) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return outbox.insert(c, transferId, "transfers.idempotent", payload, createdAt);
        }
    }

    private List<OutboxMessage> claim(String claimant, Instant at, int limit) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return outbox.claim(c, claimant, at, LEASE, limit);
        }
    }

    private boolean markPublished(long id, String claimant) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return outbox.markPublished(c, id, claimant, now);
        }
    }

    private long unpublishedOlderThan(Instant createdBefore) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return outbox.countUnpublishedOlderThan(c, createdBefore);
        }
    }

    @Test
    void claimReturnsTheOldestUnpublishedRowsFirstAndNoMoreThanAsked() throws SQLException {
        long newest = insert("newest", now.minusSeconds(1));
        long oldest = insert("oldest", now.minusSeconds(3));
        long middle = insert("middle", now.minusSeconds(2));

        var claimed = claim("relay-a", now, 2);

        assertThat(claimed).extracting(OutboxMessage::id).containsExactly(oldest, middle);
        assertThat(claimed.get(0)).isEqualTo(
                new OutboxMessage(oldest, transferId, TransferMode.XA, "transfers.idempotent", "oldest", now.minusSeconds(3)));
        assertThat(claim("relay-a", now, 2)).extracting(OutboxMessage::id).containsExactly(newest);
    }

    @Test
    void aClaimedRowIsNotClaimedAgainUntilTheLeaseExpires() throws SQLException {
        long id = insert("{}", now);
        assertThat(claim("relay-a", now, 10)).extracting(OutboxMessage::id).containsExactly(id);

        assertThat(claim("relay-b", now.plus(LEASE).minusMillis(1), 10)).isEmpty();
        assertThat(claim("relay-b", now.plus(LEASE), 10)).as("at the very end of the lease").isEmpty();
        assertThat(claim("relay-b", now.plus(LEASE).plusMillis(1), 10)).extracting(OutboxMessage::id).containsExactly(id);

        assertThat(markPublished(id, "relay-a")).as("relay-a's claim was taken over").isFalse();
        assertThat(markPublished(id, "relay-b")).isTrue();
    }

    @Test
    void aPublishedRowIsNeverClaimedAgainNorCountedAsWaiting() throws SQLException {
        long id = insert("{}", now.minusSeconds(60));
        claim("relay-a", now, 10);
        assertThat(unpublishedOlderThan(now)).isEqualTo(1);

        assertThat(markPublished(id, "relay-a")).isTrue();

        assertThat(markPublished(id, "relay-a")).as("published already").isFalse();
        assertThat(claim("relay-b", now.plus(LEASE.multipliedBy(10)), 10)).isEmpty();
        assertThat(unpublishedOlderThan(now)).isZero();
    }

    @Test
    void twoRelaysRacingForTheSameRowsSplitThem() throws Exception {
        long id = insert("{}", now);
        ExecutorService relayB = Executors.newSingleThreadExecutor();
        try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertThat(outbox.claim(a, "relay-a", now, LEASE, 10)).extracting(OutboxMessage::id).containsExactly(id);

            // relay-b cannot see relay-a's uncommitted claim, so the row is its candidate too; its update
            // waits for relay-a's transaction, then finds the row claimed and changes nothing.
            Future<List<OutboxMessage>> claimedByB = relayB.submit(() -> outbox.claim(b, "relay-b", now, LEASE, 10));
            Thread.sleep(200);
            a.commit();

            assertThat(claimedByB.get(10, TimeUnit.SECONDS)).isEmpty();
            b.commit();
        } finally {
            relayB.shutdown();
        }
        assertThat(markPublished(id, "relay-a")).isTrue();
    }

    @Test
    void theCheckerFailsOnARowLeftUnpublishedPastTheSettleTimeAndHoldsOnceItIsPublished() throws SQLException {
        var checker = new InvariantChecker(Clock.systemUTC());
        long stuck = insert("{}", now.minus(Duration.ofMinutes(5)));
        insert("{}", now);

        try (Connection c = ds.getConnection()) {
            var result = checker.check(c, Duration.ofMinutes(1)).result(InvariantChecker.OUTBOX_DRAINED);
            assertThat(result.holds()).isFalse();
            assertThat(result.violations()).isEqualTo(1);
            assertThat(result.detail()).contains("outbox row " + stuck + " of transfer " + transferId);
        }

        claim("relay-a", now, 10);
        markPublished(stuck, "relay-a");

        try (Connection c = ds.getConnection()) {
            assertThat(checker.check(c, Duration.ofMinutes(1)).result(InvariantChecker.OUTBOX_DRAINED).holds()).isTrue();
        }
    }
}
