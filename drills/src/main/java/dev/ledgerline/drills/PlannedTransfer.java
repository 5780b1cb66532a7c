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
        List<String> accounts = new ArrayList<>(ACCOUNTS);
        for (int n = 1; n <= ACCOUNTS; n++) {
            accounts.add(account(n));
        }
        return among(accounts, drillName, mode, count, seed);
    }

    /**
     * Transfers between random pairs of {@code accounts}, 0.01 to 5.00 EUR each: with few accounts, most
     * transfers contend for the same rows.
     *
     * @param mode {@code mixed} alternates XA and idempotent transfers over the same accounts
     */
    public static List<PlannedTransfer> among(List<String> accounts, String keyPrefix, String mode, int count,
                                              long seed) {
        Random random = new Random(seed);
        int n = accounts.size();
        List<PlannedTransfer> plan = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = random.nextInt(n);
            int to = (from + 1 + random.nextInt(n - 1)) % n;
            long minor = 1 + random.nextInt(500);
            String m = mode.equals("mixed") ? (i % 2 == 0 ? "xa" : "idempotent") : mode;
            plan.add(new PlannedTransfer(keyPrefix + "-" + seed + "-" + i, m, accounts.get(from), accounts.get(to),
                    String.format("%d.%02d", minor / 100, minor % 100)));
        }
        return plan;
    }

    private static String account(int n) {
        return String.format("ACC-%03d", n);
    }
}
