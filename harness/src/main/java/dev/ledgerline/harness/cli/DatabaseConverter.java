package dev.ledgerline.harness.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import dev.ledgerline.harness.database.Database;

/** {@code --database postgresql|h2}: the flag keeps the reports' spelling; the code gets the type. */
public final class DatabaseConverter implements ITypeConverter<Database> {

    @Override
    public Database convert(String label) {
        return Database.labelled(label).orElseThrow(() -> new TypeConversionException("unknown database " + label
                + ": " + Arrays.stream(Database.values()).map(Database::label).collect(Collectors.joining(" or "))));
    }
}
