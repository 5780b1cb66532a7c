package dev.ledgerline.ledger.rules;

/** A balance change the rules decided on: negative debits the account, positive credits it. */
public record Posting(String accountId, long amountMinor) {
}
