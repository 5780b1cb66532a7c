/**
 * The database of one run, as the process under test, the load and the checker reach it: a PostgreSQL server
 * of the run's own or an H2 file, chosen by {@link dev.ledgerline.harness.database.Database}, and the counts
 * the reports read from it. Used by the drills, the stress run and every benchmark scenario.
 */
package dev.ledgerline.harness.database;
