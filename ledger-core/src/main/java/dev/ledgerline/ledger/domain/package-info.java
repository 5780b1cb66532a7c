/**
 * What the ledger is made of: money in minor units, accounts, transfers and their statuses, ledger entries.
 */
package dev.ledgerline.ledger.domain;
