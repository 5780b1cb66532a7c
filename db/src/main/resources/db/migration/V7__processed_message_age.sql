-- Records of processed messages are kept for a retention window, then deleted by age (RecordPruner, in
-- ledger-core): this index lets each batch find the oldest records without reading the whole table, and a
-- backlog of old records drain batch after batch at the same cost. Its price is one more index entry per
-- message consumed, appended at the end as processed_at only grows. The outbox needs none: its index
-- (published_at, created_at, id) already leads with the publication time.
CREATE INDEX processed_message_age ON processed_message (processed_at);
