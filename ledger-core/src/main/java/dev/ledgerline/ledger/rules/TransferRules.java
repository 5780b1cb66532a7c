package dev.ledgerline.ledger.rules;

import java.util.List;

import dev.ledgerline.ledger.domain.Account;
import dev.ledgerline.ledger.domain.Money;
import dev.ledgerline.ledger.domain.Transfer;

/**
 * The rules of a transfer, shared by every design and runtime: given the transfer and the two accounts as
 * they are now, decide whether money moves. Pure: it reads its arguments and nothing else.
 */
public final class TransferRules {

    private TransferRules() {
    }

    public static TransferDecision decide(Transfer transfer, Account from, Account to) {
        if (!from.id().equals(transfer.fromAccount()) || !to.id().equals(transfer.toAccount())) {
            throw new IllegalArgumentException("accounts " + from.id() + " -> " + to.id()
                    + " do not belong to " + transfer.describe());
        }
        // Checked at submission too; checked again because the ledger must never mix currencies.
        if (!from.currency().equals(transfer.amount().currency()) || !to.currency().equals(transfer.amount().currency())) {
            return new TransferDecision.Reject("currency mismatch: transfer in " + transfer.amount().currency()
                    + ", accounts in " + from.currency() + " and " + to.currency());
        }
        long amount = transfer.amount().minor();
        if (!from.canDebit(amount)) {
            return new TransferDecision.Reject("insufficient funds: " + from.id() + " has " + from.balance()
                    + (from.floorMinor() < 0 ? " and may go down to " + new Money(from.floorMinor(), from.currency()) : "")
                    + ", transfer needs " + transfer.amount());
        }
        return new TransferDecision.Apply(List.of(
                new Posting(from.id(), -amount),
                new Posting(to.id(), amount)));
    }
}
