// Shared formatting of times and durations.

export function time(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

/** The time of day only, for lists of recent events; the full date is in the element's title. */
export function clock(instant) {
  return instant ? new Date(instant).toLocaleTimeString() : '—';
}

/** Milliseconds from submission to the final status, or null while the transfer is QUEUED. */
export function latencyMillis(transfer) {
  if (!transfer.createdAt || !transfer.completedAt) return null;
  return new Date(transfer.completedAt) - new Date(transfer.createdAt);
}

export function millis(value) {
  if (value === null || value === undefined) return '—';
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}
