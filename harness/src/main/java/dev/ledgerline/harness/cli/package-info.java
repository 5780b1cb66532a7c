/**
 * picocli converters from the drills' and the benchmark's flags (spelled as the reports spell them) to the
 * harness's types, so that no command's logic compares strings.
 */
package dev.ledgerline.harness.cli;
