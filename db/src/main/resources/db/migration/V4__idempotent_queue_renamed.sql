-- The idempotent design's queue is now named for its design in full, like every package and setting:
-- transfers.idem became transfers.idempotent. Rows the relay has not published yet were written for the old
-- name; they go to the new one, so that an upgrade in the middle of a backlog loses nothing. Published rows
-- keep the name they were sent to.
UPDATE outbox SET destination = 'transfers.idempotent' WHERE destination = 'transfers.idem' AND published_at IS NULL;
