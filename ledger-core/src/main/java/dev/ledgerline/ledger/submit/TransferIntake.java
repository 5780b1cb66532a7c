package dev.ledgerline.ledger.submit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.store.TransferStore;

/**
 * The submission rules both designs share: check the request, answer a repeated idempotency key with the
 * transfer it made, refuse a key reused for other details, and otherwise make a new QUEUED transfer. It
 * reads on the caller's connection and writes nothing: storing the transfer together with its message is
 * where the two designs differ.
 */
public final class TransferIntake {

    private final TransferRequestValidator validator;
    private final TransferStore transfers = new TransferStore();
    private final Clock clock;

    public TransferIntake(TransferRequestValidator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    public IntakeDecision decide(Connection c, TransferRequest request, TransferMode mode) throws SQLException {
        RequestCheck fields = validator.checkFields(request);
        if (fields instanceof RequestCheck.Invalid invalid) {
            return new IntakeDecision.Refuse(invalid);
        }
        TransferOrder order = ((RequestCheck.Valid) fields).order();
        Optional<Transfer> existing = transfers.findByIdempotencyKey(c, order.idempotencyKey());
        if (existing.isPresent()) {
            return sameOrder(existing.get(), order, mode)
                    ? new IntakeDecision.Replay(existing.get())
                    : new IntakeDecision.Refuse(new RequestCheck.Invalid(RequestCheck.Invalid.Kind.UNPROCESSABLE,
                            List.of(new FieldError("idempotencyKey", "was already used for transfer "
                                    + existing.get().id() + " with different details"))));
        }
        if (validator.checkAccounts(c, order) instanceof RequestCheck.Invalid invalid) {
            return new IntakeDecision.Refuse(invalid);
        }
        return new IntakeDecision.Accept(Transfer.queued(UUID.randomUUID(), order.idempotencyKey(), mode,
                order.fromAccount(), order.toAccount(), order.amount(), clock.instant()));
    }

    /** A repeated key must repeat the same request; the same key for other details is a client bug. */
    private static boolean sameOrder(Transfer existing, TransferOrder order, TransferMode mode) {
        return existing.fromAccount().equals(order.fromAccount())
                && existing.toAccount().equals(order.toAccount())
                && existing.amount().equals(order.amount())
                && existing.mode() == mode;
    }
}
