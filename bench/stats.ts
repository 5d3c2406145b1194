/** Timing helpers for the benchmark: wall time from performance.now(), percentiles, formatting. */

/** Wall-clock samples (ms) of one timed run. */
export interface Timing {
  /** Number of operations timed. */
  count: number;
  /** Total wall time of the run, in ms (includes everything between the operations). */
  totalMs: number;
  /** One sample per operation, in ms. */
  samples: number[];
}

/** Runs `op(i)` for i in [0, count) one after the other, timing each call and the whole run. */
export async function timeSequential(count: number, op: (i: number) => Promise<unknown>): Promise<Timing> {
  const samples = new Array<number>(count);
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await op(i);
    samples[i] = performance.now() - t0;
  }
  return { count, totalMs: performance.now() - start, samples };
}

/** The p-th percentile (0–100) of `samples`, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Operations per second over the whole run. */
export function perSecond(t: Timing): number {
  return t.totalMs > 0 ? (t.count * 1000) / t.totalMs : NaN;
}

export function fmtRate(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

export function fmtMs(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return n < 10 ? n.toFixed(2) : n.toFixed(1);
}

/** A one-line summary: rate, p50, p99. */
export function summary(label: string, unit: string, t: Timing): string {
  return `  ${label.padEnd(34)} ${fmtRate(perSecond(t)).padStart(8)} ${unit}/s   p50 ${fmtMs(percentile(t.samples, 50)).padStart(6)} ms   p99 ${fmtMs(percentile(t.samples, 99)).padStart(6)} ms   (${t.count} ops, ${(t.totalMs / 1000).toFixed(2)} s)`;
}

/** Formats rows as a left-aligned text table with a header rule. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (c ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The round with the median rate: shared machines are noisy, one run can land on a slow moment. */
export function medianRound(rounds: Timing[]): Timing {
  return [...rounds].sort((a, b) => perSecond(a) - perSecond(b))[Math.floor(rounds.length / 2)];
}
