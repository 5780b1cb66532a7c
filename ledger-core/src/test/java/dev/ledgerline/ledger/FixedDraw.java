package dev.ledgerline.ledger;

import java.util.random.RandomGenerator;

/** A "random" generator that always draws the top, or the bottom, of the range it is asked for. */
final class FixedDraw implements RandomGenerator {

    private final boolean top;

    private FixedDraw(boolean top) {
        this.top = top;
    }

    static FixedDraw top() {
        return new FixedDraw(true);
    }

    static FixedDraw bottom() {
        return new FixedDraw(false);
    }

    @Override
    public long nextLong(long bound) {
        return top ? bound - 1 : 0;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only bounded draws are expected");
    }
}
