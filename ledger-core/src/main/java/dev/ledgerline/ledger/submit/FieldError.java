package dev.ledgerline.ledger.submit;

/** What is wrong with one field of a request, in words a client developer can act on. */
public record FieldError(String field, String message) {
}
