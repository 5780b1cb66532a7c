package dev.ledgerline.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import dev.ledgerline.harness.load.ModeMix;
import dev.ledgerline.harness.load.PlannedTransfer;
import dev.ledgerline.ledger.domain.TransferMode;

/**
 * Which accounts a scenario's transfers move money between. Uniform: a thousand accounts of the benchmark's
 * own, so two concurrent transfers rarely share one and the designs' locking hardly matters. Contended: three
 * of the demo accounts, so nearly every pair of concurrent transfers shares an account and waits (XA's row
 * locks) or conflicts and retries (the idempotent design's versions).
 */
public enum Workload {
    UNIFORM("uniform", IntStream.rangeClosed(1, 1_000).mapToObj(i -> String.format(Locale.ROOT, "BEN-%04d", i)).toList()),
    CONTENDED("contended", List.of("ACC-001", "ACC-002", "ACC-003"));

    /** Largest amount of one transfer, in minor units: small, so a random walk never empties an account. */
    public static final long MAX_AMOUNT_MINOR = 1_000;

    private final String label;
    private final List<String> accounts;

    Workload(String label, List<String> accounts) {
        this.label = label;
        this.accounts = accounts;
    }

    public String label() {
        return label;
    }

    public List<String> accounts() {
        return accounts;
    }

    /** Transfers between two distinct accounts of this workload, drawn uniformly; a seed reproduces them. */
    public List<PlannedTransfer> plan(String keyPrefix, TransferMode mode, int count, long seed) {
        return PlannedTransfer.among(accounts, keyPrefix, ModeMix.only(mode), count, seed, MAX_AMOUNT_MINOR);
    }
}
