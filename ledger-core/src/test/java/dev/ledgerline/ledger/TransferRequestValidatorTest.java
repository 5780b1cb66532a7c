package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ledgerline.ledger.submit.FieldError;
import dev.ledgerline.ledger.submit.RequestCheck;
import dev.ledgerline.ledger.submit.TransferRequest;
import dev.ledgerline.ledger.submit.TransferRequestValidator;

class TransferRequestValidatorTest {

    private final TransferRequestValidator validator = new TransferRequestValidator(new BigDecimal("10000.00"));

    private static TransferRequest request(String from, String to, String amount, String currency, String key) {
        return new TransferRequest(from, to, amount, currency, key);
    }

    @Test
    void aWellFormedRequestBecomesAnOrderInMinorUnits() {
        var check = validator.checkFields(request("ACC-001", "ACC-002", "12.30", "EUR", "k-1"));

        assertThat(check).isInstanceOf(RequestCheck.Valid.class);
        var order = ((RequestCheck.Valid) check).order();
        assertThat(order.amount().minor()).isEqualTo(1230);
        assertThat(order.amount().currency().getCurrencyCode()).isEqualTo("EUR");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            zero amount               | ACC-001 | ACC-002 | 0        | EUR  | k | amount         | must be greater than zero
            negative amount           | ACC-001 | ACC-002 | -5.00    | EUR  | k | amount         | must be positive
            too many decimals         | ACC-001 | ACC-002 | 1.001    | EUR  | k | amount         | has more than 2 decimals
            over the maximum          | ACC-001 | ACC-002 | 10000.01 | EUR  | k | amount         | exceeds the maximum
            exponent notation         | ACC-001 | ACC-002 | 1e3      | EUR  | k | amount         | must be a decimal number
            missing amount            | ACC-001 | ACC-002 | null     | EUR  | k | amount         | is required
            unknown currency          | ACC-001 | ACC-002 | 1.00     | XYZ  | k | currency       | unknown currency
            lower-case currency       | ACC-001 | ACC-002 | 1.00     | eur  | k | currency       | unknown currency
            same account twice        | ACC-001 | ACC-001 | 1.00     | EUR  | k | toAccount      | must differ
            missing source            | null    | ACC-002 | 1.00     | EUR  | k | fromAccount    | is required
            malformed target          | ACC-001 | a b     | 1.00     | EUR  | k | toAccount      | must be 1 to 32
            missing idempotency key   | ACC-001 | ACC-002 | 1.00     | EUR  | null | idempotencyKey | is required
            """)
    void eachBadFieldIsNamed(String scenario, String from, String to, String amount, String currency, String key,
                             String field, String message) {
        var check = validator.checkFields(request(from, to, amount, currency, key));

        assertThat(check).isInstanceOf(RequestCheck.Invalid.class);
        var invalid = (RequestCheck.Invalid) check;
        assertThat(invalid.kind()).isEqualTo(RequestCheck.Invalid.Kind.MALFORMED);
        assertThat(invalid.errors()).extracting(FieldError::field).contains(field);
        assertThat(invalid.errors()).filteredOn(e -> e.field().equals(field))
                .first().extracting(FieldError::message).asString().contains(message);
    }

    @Test
    void unknownAccountsAndForeignCurrenciesAreUnprocessable() throws SQLException {
        var ds = LedgerDatabase.fresh();
        try (Connection c = ds.getConnection()) {
            var unknown = validator.checkAccounts(c,
                    ((RequestCheck.Valid) validator.checkFields(request("ACC-001", "ACC-999", "1.00", "EUR", "k"))).order());
            var foreign = validator.checkAccounts(c,
                    ((RequestCheck.Valid) validator.checkFields(request("ACC-001", "ACC-011", "1.00", "EUR", "k"))).order());

            assertThat(unknown).isEqualTo(new RequestCheck.Invalid(RequestCheck.Invalid.Kind.UNPROCESSABLE,
                    java.util.List.of(new FieldError("toAccount", "unknown account ACC-999"))));
            assertThat(((RequestCheck.Invalid) foreign).errors())
                    .containsExactly(new FieldError("currency", "is EUR but account ACC-011 holds USD"));
        }
    }
}
