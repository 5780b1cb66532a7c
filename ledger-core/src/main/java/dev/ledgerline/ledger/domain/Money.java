package dev.ledgerline.ledger.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in the minor units of a currency (cents for EUR). Decimal text is converted once, at the
 * edge, and never through a binary floating-point type.
 */
public record Money(long minor, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * Converts a decimal amount such as {@code 12.34} to minor units.
     *
     * @throws ArithmeticException if the amount has more decimals than the currency has minor units, or does
     *                             not fit in a {@code long}
     */
    public static Money of(BigDecimal amount, Currency currency) {
        int scale = fractionDigits(currency);
        BigDecimal minor = amount.movePointRight(scale);
        // longValueExact rejects both a fractional remainder (too many decimals) and an overflow.
        return new Money(minor.stripTrailingZeros().longValueExact(), currency);
    }

    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minor, fractionDigits(currency));
    }

    /** The plain decimal text clients send and receive, e.g. {@code "12.34"}. */
    public String toPlainString() {
        return toDecimal().toPlainString();
    }

    public static int fractionDigits(Currency currency) {
        // Pseudo-currencies report -1; the ledger does not hold them.
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }

    @Override
    public String toString() {
        return toPlainString() + " " + currency.getCurrencyCode();
    }
}
