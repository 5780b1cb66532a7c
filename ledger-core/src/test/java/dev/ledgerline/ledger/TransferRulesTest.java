package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.domain.Account;
import dev.ledgerline.ledger.domain.Money;
import dev.ledgerline.ledger.domain.Transfer;
import dev.ledgerline.ledger.domain.TransferMode;
import dev.ledgerline.ledger.rules.Posting;
import dev.ledgerline.ledger.rules.TransferDecision;
import dev.ledgerline.ledger.rules.TransferRules;

class TransferRulesTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");

    private static Account account(String id, long balance, long floor, Currency currency) {
        return new Account(id, "owner of " + id, currency, balance, balance, floor, 0, Instant.EPOCH);
    }

    private static Transfer transfer(long amount, Currency currency) {
        return Transfer.queued(UUID.randomUUID(), "key", TransferMode.XA, "A", "B", new Money(amount, currency),
                Instant.EPOCH);
    }

    @Test
    void coveredTransferDebitsOneAccountAndCreditsTheOther() {
        var decision = TransferRules.decide(transfer(2500, EUR), account("A", 10000, 0, EUR), account("B", 0, 0, EUR));

        assertThat(decision).isInstanceOf(TransferDecision.Apply.class);
        assertThat(((TransferDecision.Apply) decision).postings())
                .containsExactly(new Posting("A", -2500), new Posting("B", 2500));
    }

    @Test
    void theWholeBalanceCanBeMoved() {
        var decision = TransferRules.decide(transfer(10000, EUR), account("A", 10000, 0, EUR), account("B", 0, 0, EUR));

        assertThat(decision).isInstanceOf(TransferDecision.Apply.class);
    }

    @Test
    void oneCentTooMuchIsRejectedForInsufficientFunds() {
        var decision = TransferRules.decide(transfer(10001, EUR), account("A", 10000, 0, EUR), account("B", 0, 0, EUR));

        assertThat(decision).isInstanceOf(TransferDecision.Reject.class);
        assertThat(((TransferDecision.Reject) decision).reason()).startsWith("insufficient funds: A has 100.00 EUR");
    }

    @Test
    void anAgreedOverdraftAllowsABalanceDownToTheFloor() {
        var from = account("A", 1000, -5000, EUR);

        assertThat(TransferRules.decide(transfer(6000, EUR), from, account("B", 0, 0, EUR)))
                .isInstanceOf(TransferDecision.Apply.class);
        assertThat(TransferRules.decide(transfer(6001, EUR), from, account("B", 0, 0, EUR)))
                .isInstanceOf(TransferDecision.Reject.class);
    }

    @Test
    void currenciesAreNeverMixed() {
        var decision = TransferRules.decide(transfer(100, EUR), account("A", 10000, 0, EUR), account("B", 0, 0, USD));

        assertThat(decision).isInstanceOf(TransferDecision.Reject.class);
        assertThat(((TransferDecision.Reject) decision).reason()).contains("currency mismatch");
    }
}
