/**
 * When to try a delivery again. Capped exponential back-off with full jitter (a uniform draw between
 * 0 and the ceiling), unless the service said when (Retry-After, Google's RetryInfo, Discord's
 * retry_after), which is honoured within bounds.
 *
 * Ceilings with the defaults (10 attempts, 5 minutes, doubling, capped at 6 hours):
 *
 * | after attempt | 1  | 2   | 3   | 4   | 5    | 6    | 7    | 8  | 9  |
 * |---------------|----|-----|-----|-----|------|------|------|----|----|
 * | wait up to    | 5m | 10m | 20m | 40m | 1h20 | 2h40 | 5h20 | 6h | 6h |
 *
 * So the 10th and last attempt comes at most 22.6 hours after the first (half that on average):
 * "about a day", as the issue asks. After it the delivery is Dead, and can be retried by hand.
 */
export const DEFAULT_MAX_ATTEMPTS = 10;
export const BASE_DELAY_MS = 5 * 60_000;
export const MAX_DELAY_MS = 6 * 3_600_000;
/** A service's own hint is obeyed, but never below a second nor above the cap (Discord once sent ms as s). */
const MIN_HINT_MS = 1_000;

/** The ceiling of the wait after the `attempt`-th failed attempt (1-based). */
export function backoffCeilingMs(attempt: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
}

/**
 * The wait before the next attempt, after `attempt` failed ones. `hintMs` is the service's own answer
 * (null when it gave none); `random` draws in [0, 1).
 */
export function retryDelayMs(attempt: number, hintMs: number | null, random: () => number = Math.random): number {
  if (hintMs !== null && Number.isFinite(hintMs)) return Math.min(MAX_DELAY_MS, Math.max(MIN_HINT_MS, Math.round(hintMs)));
  return Math.floor(random() * backoffCeilingMs(attempt));
}
