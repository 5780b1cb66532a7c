package dev.ledgerline.server.submit;

import dev.ledgerline.ledger.domain.Transfer;

/** The answer to a submission: the transfer, and whether this request created it or found it by its key. */
public record Submission(Transfer transfer, boolean created) {
}
