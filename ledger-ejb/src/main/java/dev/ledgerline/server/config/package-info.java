/**
 * The server's configuration as code sees it: the JNDI names server.xml defines
 * ({@link dev.ledgerline.server.config.LedgerResources}) and the settings read through MicroProfile Config
 * ({@link dev.ledgerline.server.config.LedgerSettings}).
 */
package dev.ledgerline.server.config;
