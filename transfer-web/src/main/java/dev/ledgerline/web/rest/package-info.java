/**
 * The REST API: JSON views of the ledger, transfer submission, and problem details for every error.
 */
package dev.ledgerline.web.rest;
