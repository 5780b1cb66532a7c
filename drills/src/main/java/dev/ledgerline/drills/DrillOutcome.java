package dev.ledgerline.drills;

import java.util.List;
import java.util.Map;

import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.ledger.domain.TransferStatus;

/**
 * What a drill found once the system recovered and stopped: the invariants, the transfers by status, how many
 * requests were accepted.
 */
record DrillOutcome(List<InvariantResult> invariants, Map<TransferStatus, Long> transfersByStatus, long accepted) {

    DrillOutcome {
        invariants = List.copyOf(invariants);
        transfersByStatus = Map.copyOf(transfersByStatus);
    }
}
