package dev.ledgerline.ledger.submit;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.ledgerline.ledger.domain.Account;
import dev.ledgerline.ledger.domain.Money;
import dev.ledgerline.ledger.store.AccountStore;

/**
 * Checks a transfer request before anything is written: first the form of each field, then, against the
 * database, the accounts it names. Every problem found is reported, each naming its field.
 */
public final class TransferRequestValidator {

    /** Digits with an optional fraction: no sign, no exponent, no grouping, so nothing is guessed. */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}(\\.[0-9]{1,18})?");
    private static final Pattern SIGNED_DECIMAL = Pattern.compile("-[0-9]{1,18}(\\.[0-9]{1,18})?");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9-]{1,32}");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private final BigDecimal maxAmount;
    private final AccountStore accounts = new AccountStore();

    /** @param maxAmount the largest amount one transfer may move, in major units of any currency */
    public TransferRequestValidator(BigDecimal maxAmount) {
        if (maxAmount.signum() <= 0) {
            throw new IllegalArgumentException("maximum transfer amount must be positive: " + maxAmount);
        }
        this.maxAmount = maxAmount;
    }

    public BigDecimal maxAmount() {
        return maxAmount;
    }

    /** Checks the form of every field; needs no database. */
    public RequestCheck checkFields(TransferRequest request) {
        List<FieldError> errors = new ArrayList<>();
        checkAccountId("fromAccount", request.fromAccount(), errors);
        checkAccountId("toAccount", request.toAccount(), errors);
        if (request.fromAccount() != null && request.fromAccount().equals(request.toAccount())) {
            errors.add(new FieldError("toAccount", "must differ from fromAccount"));
        }
        Optional<Currency> currency = currency(request.currency(), errors);
        Optional<Money> amount = currency.flatMap(c -> amount(request.amount(), c, errors));
        if (currency.isEmpty() && request.amount() == null) {
            errors.add(new FieldError("amount", "is required"));
        }
        if (request.idempotencyKey() == null || request.idempotencyKey().isEmpty()) {
            errors.add(new FieldError("idempotencyKey", "is required"));
        } else if (!IDEMPOTENCY_KEY.matcher(request.idempotencyKey()).matches()) {
            errors.add(new FieldError("idempotencyKey",
                    "must be 1 to 100 characters of letters, digits, '.', '_', ':' or '-'"));
        }
        if (!errors.isEmpty()) {
            return new RequestCheck.Invalid(RequestCheck.Invalid.Kind.MALFORMED, errors);
        }
        return new RequestCheck.Valid(new TransferOrder(request.fromAccount(), request.toAccount(), amount.orElseThrow(),
                request.idempotencyKey()));
    }

    /** Checks that both accounts exist and hold the order's currency. */
    public RequestCheck checkAccounts(Connection c, TransferOrder order) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        Currency currency = order.amount().currency();
        for (String field : List.of("fromAccount", "toAccount")) {
            String id = field.equals("fromAccount") ? order.fromAccount() : order.toAccount();
            Optional<Account> account = accounts.find(c, id);
            if (account.isEmpty()) {
                errors.add(new FieldError(field, "unknown account " + id));
            } else if (!account.get().currency().equals(currency)) {
                errors.add(new FieldError("currency", "is " + currency + " but account " + id + " holds "
                        + account.get().currency()));
            }
        }
        return errors.isEmpty()
                ? new RequestCheck.Valid(order)
                : new RequestCheck.Invalid(RequestCheck.Invalid.Kind.UNPROCESSABLE, errors);
    }

    private static void checkAccountId(String field, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (!ACCOUNT_ID.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be 1 to 32 letters, digits or '-'"));
        }
    }

    private static Optional<Currency> currency(String code, List<FieldError> errors) {
        if (code == null || code.isEmpty()) {
            errors.add(new FieldError("currency", "is required"));
            return Optional.empty();
        }
        if (CURRENCY_CODE.matcher(code).matches()) {
            try {
                Currency currency = Currency.getInstance(code);
                if (currency.getDefaultFractionDigits() >= 0) {
                    return Optional.of(currency);
                }
            } catch (IllegalArgumentException unknown) {
                // reported below
            }
        }
        errors.add(new FieldError("currency", "unknown currency '" + code + "': use an ISO 4217 code such as EUR"));
        return Optional.empty();
    }

    private Optional<Money> amount(String text, Currency currency, List<FieldError> errors) {
        if (text == null || text.isEmpty()) {
            errors.add(new FieldError("amount", "is required"));
            return Optional.empty();
        }
        if (SIGNED_DECIMAL.matcher(text).matches()) {
            errors.add(new FieldError("amount", "must be positive"));
            return Optional.empty();
        }
        if (!DECIMAL.matcher(text).matches()) {
            errors.add(new FieldError("amount", "must be a decimal number such as \"12.34\""));
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(text);
        int digits = Money.fractionDigits(currency);
        if (value.signum() == 0) {
            errors.add(new FieldError("amount", "must be greater than zero"));
        } else if (value.stripTrailingZeros().scale() > digits) {
            errors.add(new FieldError("amount", "has more than " + digits + " decimals, the most " + currency + " allows"));
        } else if (value.compareTo(maxAmount) > 0) {
            errors.add(new FieldError("amount", "exceeds the maximum of " + maxAmount.toPlainString() + " per transfer"));
        } else {
            return Optional.of(Money.of(value, currency));
        }
        return Optional.empty();
    }
}
