package dev.ledgerline.ledger.service;

/**
 * What the consumers of the idempotent design have seen since the application started: deliveries skipped
 * because their message key was recorded already, and attempts rolled back because an account moved
 * under them.
 */
public record ConsumerStatistics(long duplicatesSkipped, long versionConflicts) {
}
