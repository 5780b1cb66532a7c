/**
 * The Narayana worker's command lines against one run's database and broker: the preload of a backlog and
 * the run that drains it. Used by the drills whose victim is the worker and by the benchmark's worker
 * scenarios.
 */
package dev.ledgerline.harness.worker;
