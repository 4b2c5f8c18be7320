// Demo pages only: timings the end-to-end tests read from <html data-tactful-metrics>.

const KEEP = { handlerMs: 500, requestTimes: 5000, renders: 2000 };

/** A recorder that publishes {keystrokes, handlerMs, requests, requestTimes, renders} as JSON on the root element. */
export function createMetrics(doc) {
  const data = { keystrokes: 0, handlerMs: [], requests: 0, requestTimes: [], renders: [] };
  const perf = doc.defaultView.performance;
  let queued = false;

  function publish() {
    queued = false;
    doc.documentElement.dataset.tactfulMetrics = JSON.stringify(data);
  }

  // Publishing happens after the handler returns, so it never counts as keystroke time.
  function queue() {
    if (!queued) { queued = true; setTimeout(publish, 0); }
  }

  function keep(list, value, max) {
    list.push(value);
    if (list.length > max) list.splice(0, list.length - max);
  }

  publish();
  return {
    /** One keystroke (input event) handled in ms. */
    keystroke(ms) { data.keystrokes += 1; keep(data.handlerMs, Math.round(ms * 1000) / 1000, KEEP.handlerMs); queue(); },
    /** One analyze request started. */
    request() { data.requests += 1; keep(data.requestTimes, Math.round(perf.now()), KEEP.requestTimes); queue(); },
    /** Underlines drawn for n findings. */
    render(n) { keep(data.renders, { at: Math.round(perf.now()), findings: n }, KEEP.renders); queue(); },
    now: () => perf.now(),
  };
}
