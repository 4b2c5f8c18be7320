// When to ask the service about a compose: after a pause in typing, one request at a time, and at most
// `burst` starts in any burst × minIntervalMs window (2 a second: continuous typing stays under 120/minute).
// A sliding window, not a fixed gap: a pause right after a forced request must not wait out the gap.

const DEFAULTS = { debounceMs: 150, maxWaitMs: 1200, minIntervalMs: 500, burst: 4 };

/** A per-compose scheduler: schedule() on every edit; run(snapshot) is called with the latest snapshot only.
 *  options: {snapshot() -> value, run(value) -> Promise, now(), setTimer(fn, ms), clearTimer(id), ...DEFAULTS} */
export function createScheduler(options) {
  const opt = { ...DEFAULTS, now: () => Date.now(), setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (id) => clearTimeout(id), ...options };
  const st = { timer: null, dueAt: 0, firstEdit: null, lastEdit: 0, followAt: null, starts: [], inFlight: false,
    dirty: false, stopped: false };

  function plan() {
    if (st.stopped || st.inFlight || !st.dirty) return;
    // An edit's own timing wins over a follow-up: either way the latest snapshot is what is sent.
    const wanted = st.firstEdit !== null ? Math.min(st.lastEdit + opt.debounceMs, st.firstEdit + opt.maxWaitMs)
      : st.followAt;
    const due = Math.max(wanted,
      st.starts.length < opt.burst ? -Infinity : st.starts[0] + opt.burst * opt.minIntervalMs);
    if (st.timer !== null && st.dueAt === due) return;
    if (st.timer !== null) opt.clearTimer(st.timer);
    st.dueAt = due;
    st.timer = opt.setTimer(fire, Math.max(0, due - opt.now()));
  }

  async function fire() {
    st.timer = null;
    if (st.stopped || st.inFlight || !st.dirty) return;
    st.dirty = false;
    st.firstEdit = null;
    st.followAt = null;
    st.inFlight = true;
    st.starts.push(opt.now());
    if (st.starts.length > opt.burst) st.starts.shift();
    try {
      await opt.run(opt.snapshot());
    } catch {
      // run() reports its own failures; the schedule goes on.
    } finally {
      st.inFlight = false;
      plan();
    }
  }

  return {
    /** Note an edit: cheap enough for a keystroke handler (no DOM work). */
    schedule() {
      const t = opt.now();
      st.lastEdit = t;
      if (st.firstEdit === null) st.firstEdit = t;
      st.dirty = true;
      plan();
    },
    /** Ask again in delayMs with no edit (the learned pass had sentences pending): one request like any other,
     *  within the same limits; an edit before then takes its place. */
    followUp(delayMs) {
      if (st.stopped) return;
      const at = opt.now() + Math.max(0, delayMs);
      st.followAt = st.followAt === null ? at : Math.min(st.followAt, at);
      st.dirty = true;
      plan();
    },
    /** Whether a request is running now. */
    get busy() { return st.inFlight; },
    /** Stop for good (the compose left the page). */
    stop() {
      st.stopped = true;
      if (st.timer !== null) opt.clearTimer(st.timer);
      st.timer = null;
    },
  };
}
