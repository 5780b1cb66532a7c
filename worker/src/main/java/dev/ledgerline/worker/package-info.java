/**
 * The standalone XA worker: the command line ({@code run}, {@code preload}), the database it reaches, and its
 * status endpoint. Narayana's setup lives in {@code narayana}, the consumers in {@code consume}; the ledger
 * work, the queues and the consumer loop are ledger-core's, shared with the server.
 */
package dev.ledgerline.worker;
