package dev.ledgerline.ledger.check;

/**
 * One invariant, evaluated: whether it holds, how many violations were found, and the first of them (or
 * the figures behind a pass) so that a failing check points at something to look at.
 */
public record InvariantResult(String name, String description, boolean holds, long violations, String detail) {

    public static InvariantResult pass(String name, String description, String detail) {
        return new InvariantResult(name, description, true, 0, detail);
    }

    public static InvariantResult of(String name, String description, long violations, String firstViolation, String passDetail) {
        return violations == 0
                ? pass(name, description, passDetail)
                : new InvariantResult(name, description, false, violations, "first: " + firstViolation);
    }
}
