// Features register themselves, in the refined-github spirit: each says its name, what it needs and how it
// starts and stops; one that throws (at start or in a listener) is reported and the others go on.

/** A tiny event bus whose listeners are isolated from each other: one throwing never stops the rest. */
export function createBus(onError) {
  const listeners = new Map();
  return {
    /** Listen to one event type; returns a function that stops listening. */
    on(type, fn) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type).add(fn);
      return () => listeners.get(type)?.delete(fn);
    },
    /** Call every listener of the type with the payload. */
    emit(type, payload) {
      for (const fn of [...(listeners.get(type) || [])]) {
        try {
          fn(payload);
        } catch (err) {
          onError(type, err);
        }
      }
    },
  };
}

/**
 * Start each feature ({name, needs?: [names], start(ctx) -> api with stop()?}) in order; a feature whose needs
 * did not start, or whose start throws, is left out and reported through onFailure(name, error).
 * Returns {get(name), names, stop()}.
 */
export function startFeatures(features, ctx, onFailure) {
  const running = new Map();
  ctx.feature = (name) => running.get(name);
  for (const feature of features) {
    const missing = (feature.needs || []).filter((need) => !running.has(need));
    if (missing.length) {
      onFailure(feature.name, new Error(`needs ${missing.join(", ")}`));
      continue;
    }
    try {
      running.set(feature.name, feature.start(ctx) || {});
    } catch (err) {
      onFailure(feature.name, err);
    }
  }
  return {
    get: (name) => running.get(name),
    names: [...running.keys()],
    /** Stop every running feature, the last started first; a failing stop never keeps the others running. */
    stop() {
      for (const [name, api] of [...running].reverse()) {
        try {
          api.stop?.();
        } catch (err) {
          onFailure(name, err);
        }
      }
      running.clear();
    },
  };
}
