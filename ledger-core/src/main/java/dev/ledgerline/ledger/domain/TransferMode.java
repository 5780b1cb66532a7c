package dev.ledgerline.ledger.domain;

import java.util.Arrays;
import java.util.Optional;

/** Which of the two designs carries a transfer. The wire name is what clients send and read. */
public enum TransferMode {
    /** Two-phase commit: the database work and the message acknowledgement commit together. */
    XA("xa"),
    /** No XA: local transactions, a transactional outbox, versioned updates and a processed-message record. */
    IDEMPOTENT("idempotent");

    private final String wireName;

    TransferMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TransferMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
