type Callback = (reason: unknown) => void;

interface Entry {
  readonly callbacks: Set<Callback>;
  readonly listener: () => void;
}

const entries = new WeakMap<AbortSignal, Entry>();

/**
 * Subscribes to a caller's AbortSignal with one shared listener per signal, however many
 * executions watch it: 10 000 executions on one signal add one listener, not 10 000 (and no
 * MaxListeners warning), and the listener is removed when the last subscriber leaves.
 * Returns the unsubscribe function.
 */
export function onAbort(signal: AbortSignal, callback: Callback): () => void {
  let entry = entries.get(signal);
  if (!entry) {
    const callbacks = new Set<Callback>();
    const listener = () => {
      entries.delete(signal);
      for (const cb of callbacks) cb(signal.reason);
    };
    entry = { callbacks, listener };
    entries.set(signal, entry);
    signal.addEventListener('abort', listener, { once: true });
  }
  entry.callbacks.add(callback);
  const owned = entry;
  return () => {
    if (!owned.callbacks.delete(callback) || owned.callbacks.size > 0) return;
    if (entries.get(signal) === owned) entries.delete(signal);
    signal.removeEventListener('abort', owned.listener);
  };
}
