/**
 * The rules of a transfer, pure and shared by every design: given the accounts as they are, whether and how money moves.
 */
package dev.ledgerline.ledger.rules;
