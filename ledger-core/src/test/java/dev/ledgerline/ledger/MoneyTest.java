package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.domain.Money;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void decimalTextBecomesExactMinorUnits() {
        assertThat(Money.of(new BigDecimal("12.34"), EUR).minor()).isEqualTo(1234);
        assertThat(Money.of(new BigDecimal("0.10"), EUR).minor()).isEqualTo(10);
        assertThat(Money.of(new BigDecimal("1500"), JPY).minor()).isEqualTo(1500);
    }

    @Test
    void moreDecimalsThanTheCurrencyHasIsRefused() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("1.001"), EUR)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(new BigDecimal("1.5"), JPY)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void minorUnitsPrintAsPlainDecimals() {
        assertThat(new Money(1234, EUR).toPlainString()).isEqualTo("12.34");
        assertThat(new Money(5, EUR).toPlainString()).isEqualTo("0.05");
        assertThat(new Money(-250, EUR).toString()).isEqualTo("-2.50 EUR");
    }
}
