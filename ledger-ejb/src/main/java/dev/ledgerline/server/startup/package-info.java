/**
 * What runs once when the application starts: the schema migration, before anything else touches the
 * database, and the warnings an operator must see (an armed crash point, unsafe modes enabled).
 */
package dev.ledgerline.server.startup;
