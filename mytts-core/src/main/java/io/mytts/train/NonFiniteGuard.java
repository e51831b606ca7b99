package io.mytts.train;

/**
 * Counts steps in a row whose loss or gradient norm was not finite. Such a step is skipped;
 * after {@code limit} of them in a row the {@link RollbackListener} rolls back to the last checkpoint.
 */
final class NonFiniteGuard {

    /** What to do with a step. */
    enum Verdict { APPLY, SKIP, ROLL_BACK }

    private final int limit;
    private int inARow;
    private long skippedTotal;

    NonFiniteGuard(int limit) {
        this.limit = limit;
    }

    Verdict check(double loss, double gradNorm) {
        return check(Double.isFinite(loss) && Double.isFinite(gradNorm));
    }

    /** The verdict on a step whose values were all finite, or not. */
    Verdict check(boolean finite) {
        if (finite) {
            inARow = 0;
            return Verdict.APPLY;
        }
        inARow++;
        skippedTotal++;
        return inARow >= limit ? Verdict.ROLL_BACK : Verdict.SKIP;
    }

    void reset() {
        inARow = 0;
    }

    int inARow() {
        return inARow;
    }

    long skippedTotal() {
        return skippedTotal;
    }
}
