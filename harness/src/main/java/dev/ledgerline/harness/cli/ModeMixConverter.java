package dev.ledgerline.harness.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import dev.ledgerline.harness.load.ModeMix;

/**
 * {@code --mode mixed|xa|idempotent}: the designs a load may run, in the reports' spelling. The unsafe
 * controls are not among them: they run only as the drills that prove the checker can fail.
 */
public final class ModeMixConverter implements ITypeConverter<ModeMix> {

    @Override
    public ModeMix convert(String label) {
        return ModeMix.labelled(label).filter(mix -> !mix.isUnsafe())
                .orElseThrow(() -> new TypeConversionException("unknown mode " + label + ": mixed, xa or idempotent"));
    }
}
