package dev.ledgerline.drills;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One transfer the load will submit, decided before the drill starts so that a seed reproduces the load. */
public record PlannedTransfer(String idempotencyKey, String mode, String from, String to, String amount) {

    /** Accounts ACC-001 … ACC-009: EUR, no overdraft, so a floor breach would be a real violation. */
    private static final int ACCOUNTS = 9;

    /**
     * @param mode {@code mixed} alternates XA and idempotent transfers over the same accounts
     */
    public static List<PlannedTransfer> plan(String drillName, String mode, int count, long seed) {
        Random random = new Random(seed);
        List<PlannedTransfer> plan = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = 1 + random.nextInt(ACCOUNTS);
            int to = 1 + (from + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long minor = 1 + random.nextInt(500);
            String m = mode.equals("mixed") ? (i % 2 == 0 ? "xa" : "idempotent") : mode;
            plan.add(new PlannedTransfer(drillName + "-" + seed + "-" + i, m, account(from), account(to),
                    String.format("%d.%02d", minor / 100, minor % 100)));
        }
        return plan;
    }

    private static String account(int n) {
        return String.format("ACC-%03d", n);
    }
}
