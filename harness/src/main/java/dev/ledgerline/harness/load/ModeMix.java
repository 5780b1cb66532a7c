package dev.ledgerline.harness.load;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.ledgerline.ledger.domain.TransferMode;

/**
 * The transfer modes a load alternates between, in order: one mode, or both designs over the same accounts
 * ({@link #MIXED}), so that each design's transfers contend with the other's for the same rows.
 */
public record ModeMix(List<TransferMode> modes) {

    /** XA and idempotent transfers alternating, XA first. */
    public static final ModeMix MIXED = new ModeMix(List.of(TransferMode.XA, TransferMode.IDEMPOTENT));

    /** The name of a mix of more than one mode, on the command line and in the reports. */
    private static final String MIXED_LABEL = "mixed";

    public ModeMix {
        modes = List.copyOf(modes);
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("a load needs at least one transfer mode");
        }
    }

    public static ModeMix only(TransferMode mode) {
        return new ModeMix(List.of(Objects.requireNonNull(mode)));
    }

    /** The mode of the load's {@code index}-th transfer. */
    public TransferMode modeOf(int index) {
        return modes.get(index % modes.size());
    }

    public boolean includes(TransferMode mode) {
        return modes.contains(mode);
    }

    /** Whether the load holds an unsafe control's transfers: the server must be started with them enabled. */
    public boolean isUnsafe() {
        return modes.stream().anyMatch(TransferMode::isUnsafe);
    }

    /** {@code mixed} for more than one mode, the mode's wire name otherwise: the reports' spelling. */
    public String label() {
        return modes.size() == 1 ? modes.get(0).wireName() : MIXED_LABEL;
    }

    /** The mix a label names: {@code mixed}, or any transfer mode's wire name. */
    public static Optional<ModeMix> labelled(String label) {
        if (label.equals(MIXED_LABEL)) {
            return Optional.of(MIXED);
        }
        return TransferMode.fromWireName(label).map(ModeMix::only);
    }

    @Override
    public String toString() {
        return label();
    }
}
