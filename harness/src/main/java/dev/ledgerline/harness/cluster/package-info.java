/**
 * Ledgerline as a cluster on one machine's loopback: several Liberty servers in one transaction recovery group,
 * Narayana workers and a load balancer, as {@code bin/ledgerline run --cluster}, the cluster drills and the
 * benchmark's scaling rows run it.
 */
package dev.ledgerline.harness.cluster;
