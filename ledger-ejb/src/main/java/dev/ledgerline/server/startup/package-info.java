/**
 * What runs once when the application starts: the check that refuses unsafe settings (a retention window
 * shorter than the broker's redelivery window), then the schema migration, before anything else touches the
 * database, and the warnings an operator must see (an armed crash point, unsafe modes enabled).
 */
package dev.ledgerline.server.startup;
