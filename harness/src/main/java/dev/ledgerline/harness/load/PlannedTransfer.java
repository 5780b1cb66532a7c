package dev.ledgerline.harness.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

import dev.ledgerline.ledger.domain.TransferMode;

/**
 * One transfer a load will submit, decided before the run starts so that a seed reproduces the load.
 *
 * @param amount a decimal string in EUR, as the REST API takes it
 */
public record PlannedTransfer(String idempotencyKey, TransferMode mode, String from, String to, String amount) {

    /** The currency every planned transfer moves: the demo accounts and the benchmark's are all EUR. */
    public static final String CURRENCY = "EUR";

    /** Largest amount of a drill's transfer, in minor units (5.00 EUR): the demo accounts never run dry. */
    public static final long DEMO_MAX_AMOUNT_MINOR = 500;

    /** Accounts ACC-001 … ACC-009: EUR, no overdraft, so a floor breach would be a real violation. */
    private static final List<String> DEMO_ACCOUNTS = IntStream.rangeClosed(1, 9)
            .mapToObj(n -> String.format(Locale.ROOT, "ACC-%03d", n)).toList();

    /**
     * A drill's load: transfers among the demo accounts ACC-001 … ACC-009, keyed {@code name-seed-i}.
     */
    public static List<PlannedTransfer> amongDemoAccounts(String name, ModeMix modes, int count, long seed) {
        return among(DEMO_ACCOUNTS, name + "-" + seed + "-", modes, count, seed, DEMO_MAX_AMOUNT_MINOR);
    }

    /**
     * Transfers between two distinct accounts of {@code accounts}, drawn uniformly, 0.01 EUR to
     * {@code maxAmountMinor} each, keyed {@code keyPrefix + i}: with few accounts, most transfers contend for
     * the same rows. The modes follow {@code modes} in turn.
     */
    public static List<PlannedTransfer> among(List<String> accounts, String keyPrefix, ModeMix modes, int count,
                                              long seed, long maxAmountMinor) {
        if (accounts.size() < 2) {
            throw new IllegalArgumentException("a transfer needs two distinct accounts: " + accounts);
        }
        Random random = new Random(seed);
        int n = accounts.size();
        List<PlannedTransfer> plan = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = random.nextInt(n);
            int to = (from + 1 + random.nextInt(n - 1)) % n;
            long minor = 1 + random.nextInt(Math.toIntExact(maxAmountMinor));
            plan.add(new PlannedTransfer(keyPrefix + i, modes.modeOf(i), accounts.get(from), accounts.get(to),
                    String.format(Locale.ROOT, "%d.%02d", minor / 100, minor % 100)));
        }
        return plan;
    }
}
