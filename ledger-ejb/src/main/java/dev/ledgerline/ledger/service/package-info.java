/**
 * Application services around the designs: settings, schema migration, read models for the API, the transfer log.
 */
package dev.ledgerline.ledger.service;
