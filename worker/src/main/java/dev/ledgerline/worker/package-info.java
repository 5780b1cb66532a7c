/**
 * The standalone XA worker: the command line ({@code run}, {@code preload}), the database it reaches, and its
 * status endpoint. Narayana's setup lives in {@code xa}, the consumer loop in {@code consume}.
 */
package dev.ledgerline.worker;
