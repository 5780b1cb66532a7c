package dev.ledgerline.ledger.submit;

import java.util.List;

/** The result of checking a transfer request: an order to queue, or the reasons it cannot be one. */
public sealed interface RequestCheck {

    record Valid(TransferOrder order) implements RequestCheck {
    }

    /**
     * The request cannot be accepted. {@code MALFORMED}: a field is missing or not of its form.
     * {@code UNPROCESSABLE}: well formed, but it names accounts or currencies the ledger cannot use.
     */
    record Invalid(Kind kind, List<FieldError> errors) implements RequestCheck {
        public enum Kind { MALFORMED, UNPROCESSABLE }

        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid request needs at least one error");
            }
        }
    }
}
