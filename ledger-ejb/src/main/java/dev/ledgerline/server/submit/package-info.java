/**
 * Where a transfer request enters the server ({@link dev.ledgerline.server.submit.TransferSubmissions}, called by
 * transfer-web's {@code dev.ledgerline.web.rest.TransfersResource}) and what it answers: a
 * {@link dev.ledgerline.server.submit.Submission}, created, replayed or refused. The designs' own submissions are
 * in {@code server.xa}, {@code server.idempotent} and {@code server.unsafe}.
 */
package dev.ledgerline.server.submit;
