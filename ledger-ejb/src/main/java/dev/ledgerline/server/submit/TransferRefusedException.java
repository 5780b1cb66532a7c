package dev.ledgerline.server.submit;

import jakarta.ejb.ApplicationException;

import dev.ledgerline.ledger.submit.RequestCheck;

/**
 * A submission the ledger will not accept, with every field at fault. An expected outcome for a client's
 * mistake: it rolls the transaction back (nothing is written) and is answered with a 4xx, not logged as an
 * error.
 */
@ApplicationException(rollback = true)
public class TransferRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RequestCheck.Invalid problem;

    public TransferRefusedException(RequestCheck.Invalid problem) {
        super(problem.kind() + " " + problem.errors(), null, false, false);
        this.problem = problem;
    }

    public RequestCheck.Invalid problem() {
        return problem;
    }
}
