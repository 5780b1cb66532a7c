package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.jms.Message;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.domain.AppliedBy;
import dev.ledgerline.ledger.domain.Coordinator;
import dev.ledgerline.ledger.domain.DeadLetter;
import dev.ledgerline.ledger.domain.DeadLetterReason;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferStatus;
import dev.ledgerline.ledger.messaging.DeadLetters;
import dev.ledgerline.ledger.messaging.TransferMessages;
import dev.ledgerline.ledger.messaging.TransferQueue;
import dev.ledgerline.ledger.store.DeadLetterStore;
import dev.ledgerline.ledger.store.TransferStore;

class DeadLettersTest {

    private static final AppliedBy DEAD_LETTER_CONSUMER = AppliedBy.liberty("ledgerline", Coordinator.LIBERTY_TM);

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private JdbcDataSource ds;

    @BeforeEach
    void freshLedger() {
        ds = LedgerDatabase.fresh();
    }

    private Optional<Transfer> take(TransferQueue queue, Message message) throws SQLException {
        return new DeadLetters(queue, Clock.systemUTC(), DEAD_LETTER_CONSUMER).endInLocalTransaction(ds, message);
    }

    private List<DeadLetter> recorded() throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new DeadLetterStore().findRecent(c, 100);
        }
    }

    private DeadLetter theOnlyRecord() throws SQLException {
        List<DeadLetter> all = recorded();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void aBodyThatIsNoTransferIdIsRecordedSanitizedAndChangesNothing() throws SQLException {
        String hostile = "<script>alert(1)</script>'; DROP TABLE transfer; --\u0000\u202e\r\n";

        assertThat(take(TransferQueue.XA, FakeMessages.text("ID:1", hostile, Map.of()))).isEmpty();

        DeadLetter d = theOnlyRecord();
        assertThat(d.reason()).isEqualTo(DeadLetterReason.UNREADABLE_BODY);
        assertThat(d.queue()).isEqualTo("transfers.xa.dlq");
        assertThat(d.brokerMessageId()).isEqualTo("ID:1");
        assertThat(d.transferId()).isNull();
        assertThat(d.bodyExcerpt()).isEqualTo("?script?alert(1)?/script??; DROP TABLE transfer; --????");
        assertThat(LedgerDatabase.count(ds, "SELECT COUNT(*) FROM transfer")).isZero();
    }

    @Test
    void eachKindOfMalformedMessageGetsItsReason() throws SQLException {
        UUID unknown = UUID.randomUUID();
        take(TransferQueue.XA, FakeMessages.bytes("ID:bytes"));
        take(TransferQueue.XA, FakeMessages.text("ID:empty", null, Map.of()));
        take(TransferQueue.XA, FakeMessages.text("ID:large", unknown + " ".repeat(3 << 20), Map.of()));
        take(TransferQueue.XA, FakeMessages.text("ID:lenient", "1-2-3-4-5", Map.of()));
        take(TransferQueue.IDEMPOTENT, FakeMessages.text("ID:key", unknown.toString(),
                Map.of(TransferMessages.MESSAGE_KEY_PROPERTY, "k".repeat(101))));
        take(TransferQueue.UNSAFE, FakeMessages.text("ID:mode", unknown.toString(),
                Map.of(TransferMessages.MODE_PROPERTY, "<bogus>")));
        take(TransferQueue.XA, FakeMessages.text("ID:unknown", unknown.toString(),
                Map.of(TransferMessages.MESSAGE_KEY_PROPERTY, "")));

        assertThat(recorded()).extracting(DeadLetter::brokerMessageId, DeadLetter::reason).containsExactlyInAnyOrder(
                tuple("ID:bytes", DeadLetterReason.WRONG_MESSAGE_TYPE),
                tuple("ID:empty", DeadLetterReason.UNREADABLE_BODY),
                tuple("ID:large", DeadLetterReason.TOO_LARGE),
                tuple("ID:lenient", DeadLetterReason.UNREADABLE_BODY),
                tuple("ID:key", DeadLetterReason.WRONG_PROPERTY),
                tuple("ID:mode", DeadLetterReason.WRONG_PROPERTY),
                // The XA consumer reads no key, so a blank one is no reason there.
                tuple("ID:unknown", DeadLetterReason.UNKNOWN_TRANSFER));
        assertThat(recorded()).allSatisfy(d -> {
            assertThat(d.detail()).isNotBlank().hasSizeLessThanOrEqualTo(500).doesNotContain("<", "bogus");
            if (d.bodyExcerpt() != null) {
                assertThat(d.bodyExcerpt()).hasSizeLessThanOrEqualTo(100);
            }
        });
    }

    @Test
    void aQueuedTransferEndsFailedOnceHoweverOftenItsDeadLetterIsDelivered() throws SQLException {
        Transfer t = LedgerDatabase.queue(ds, "ACC-001", "ACC-002", 100, now);
        Message deadLetter = FakeMessages.text("ID:t", t.id().toString(), Map.of("_AMQ_ORIG_ADDRESS", "transfers.xa"));

        Optional<Transfer> ended = take(TransferQueue.XA, deadLetter);
        Optional<Transfer> again = take(TransferQueue.XA, deadLetter);

        assertThat(ended).get().extracting(Transfer::status).isEqualTo(TransferStatus.FAILED);
        assertThat(again).isEmpty();
        DeadLetter d = theOnlyRecord();
        assertThat(d.reason()).isEqualTo(DeadLetterReason.TRANSFER_FAILED);
        assertThat(d.transferId()).isEqualTo(t.id());
        assertThat(d.originalQueue()).isEqualTo("transfers.xa");
        assertThat(d.detail()).contains("dead-lettered after 0 failed deliveries");
        try (Connection c = ds.getConnection()) {
            Transfer stored = new TransferStore().find(c, t.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(TransferStatus.FAILED);
            assertThat(stored.appliedBy()).isEqualTo(DEAD_LETTER_CONSUMER);
        }
    }

    @Test
    void aDeadLetterForAnEndedTransferIsRecordedAndLeavesItAsItWas() throws SQLException {
        Transfer t = LedgerDatabase.queue(ds, "ACC-001", "ACC-002", 100, now);
        take(TransferQueue.IDEMPOTENT, FakeMessages.text("ID:first", t.id().toString(), Map.of()));

        assertThat(take(TransferQueue.IDEMPOTENT, FakeMessages.text("ID:second", t.id().toString(), Map.of())))
                .isEmpty();

        assertThat(recorded()).extracting(DeadLetter::brokerMessageId, DeadLetter::reason).containsExactly(
                tuple("ID:second", DeadLetterReason.TRANSFER_ALREADY_ENDED),
                tuple("ID:first", DeadLetterReason.TRANSFER_FAILED));
    }

    @Test
    void deadLettersWithoutAMessageIdAreEachRecorded() throws SQLException {
        take(TransferQueue.XA, FakeMessages.text(null, "x", Map.of()));
        take(TransferQueue.XA, FakeMessages.text(null, "y", Map.of()));

        assertThat(recorded()).hasSize(2).allSatisfy(d -> assertThat(d.brokerMessageId()).isNull());
    }
}
