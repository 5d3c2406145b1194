/**
 * Wakes the delivery worker when a transaction that queued deliveries commits, so a message leaves
 * within milliseconds instead of at the next poll. One signal per store (tests run several apps in
 * one process); workers in other processes rely on polling.
 */
export class OutboxSignal {
  private waiters = new Set<() => void>();
  private pending = false;

  /** Something was queued: wake the waiting worker (or the next one to wait). */
  notify(): void {
    if (this.waiters.size === 0) {
      this.pending = true;
      return;
    }
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next notify, or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }
}

const signals = new WeakMap<object, OutboxSignal>();

/** The outbox signal of a store. */
export function outboxSignal(store: object): OutboxSignal {
  let signal = signals.get(store);
  if (!signal) {
    signal = new OutboxSignal();
    signals.set(store, signal);
  }
  return signal;
}
