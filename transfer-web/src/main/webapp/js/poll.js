// Live pages refresh by polling the API: simple, and the server needs no push channel.

/** Polls load() now and every periodMs until stopped; a failure is shown in the status element, not thrown. */
export function poll(load, periodMs, status) {
  let stopped = false;
  let timer;
  const run = async () => {
    try {
      await load();
      if (status) status.textContent = '';
    } catch (e) {
      if (status) status.textContent = `Could not refresh: ${e.message}`;
    }
    if (!stopped) timer = setTimeout(run, periodMs);
  };
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
