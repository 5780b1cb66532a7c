package dev.ledgerline.drills;

/** A drill that could not be carried out as designed: the fault did not happen as planned. */
final class DrillAborted extends RuntimeException {

    DrillAborted(String message) {
        super(message);
    }
}
