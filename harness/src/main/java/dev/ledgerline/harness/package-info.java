/**
 * What the crash drills ({@code drills/}) and the benchmark ({@code bench/}) share, so that a drill and a
 * benchmark scenario start, load and check the system the same way: where the build put what they start
 * ({@link dev.ledgerline.harness.Installation}), a run's fresh directory, and the {@link
 * dev.ledgerline.harness.Coordinator} a run's XA transactions have. Sub-packages hold the system under test
 * (database, Liberty, the worker's command line), the HTTP load and its clients, the checker, and the
 * command-line converters. Not part of the application: nothing here is deployed.
 */
package dev.ledgerline.harness;
