package dev.ledgerline.ledger.domain;

import java.time.Instant;
import java.util.Currency;

/**
 * An account as stored. {@code floorMinor} is the lowest balance allowed: zero, or negative for an agreed
 * overdraft. {@code version} grows by one with every change of the balance.
 */
public record Account(String id, String owner, Currency currency, long openingBalanceMinor, long balanceMinor,
                      long floorMinor, long version, Instant updatedAt) {

    public Money balance() {
        return new Money(balanceMinor, currency);
    }

    /** Whether this account can give {@code amountMinor} without going below its floor. */
    public boolean canDebit(long amountMinor) {
        // Subtracting could overflow for absurd values; compare in a form that cannot.
        return balanceMinor - floorMinor >= amountMinor;
    }
}
