package dev.ledgerline.ledger.submit;

/**
 * A transfer as a client asked for it, every field still unchecked text. {@code amount} is decimal text in
 * major units (e.g. {@code "12.34"}); it is never parsed through a floating-point type.
 */
public record TransferRequest(String fromAccount, String toAccount, String amount, String currency,
                              String idempotencyKey) {
}
