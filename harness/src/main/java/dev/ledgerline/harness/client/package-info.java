/**
 * HTTP clients of the processes under test: Liberty's REST API and the worker's status page. Every call
 * answers or says the process could not be reached, since a drill talks to processes that are dead part of
 * the time. Used by the load, the drills' money timeline and recovery waits, and the benchmark's waits.
 */
package dev.ledgerline.harness.client;
