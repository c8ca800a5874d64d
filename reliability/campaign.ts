// The campaign's shared parts: what a row reports, the run's mode and choices, the figures'
// helpers, and what every row captured (log lines and answers) for the secrets scan at the end.
export type Mode = 'short' | 'full';

export interface RowResult {
  id: string;
  /** What was tried, with the trial count ("10,000 forged requests"). */
  tried: string;
  /** What came out ("0 accepted, p99 3.1 ms"). */
  figure: string;
  /** What it must be ("0 accepted"). */
  target: string;
  /** `n/a`: the row does not apply to Koers; `figure` says why. */
  verdict: 'pass' | 'FAIL' | 'n/a';
}

export interface Campaign {
  mode: Mode;
  /** Trials for this mode. */
  n(short: number, full: number): number;
  /** Whether a row was chosen (`--only`). */
  wants(id: string): boolean;
  /** Log lines and answers a row saw, scanned for secrets by R2. */
  captured: { logs: string[][]; answers: string[] };
  /** PostgreSQL URL of this run's own throwaway database (rows make schemas in it). */
  pgUrl: string;
  /** Unhandled rejections and uncaught errors seen in this process so far. */
  unhandled(): number;
  note(line: string): void;
}

export interface RowGroup {
  /** The rows this module measures, in print order. */
  rows: string[];
  run(c: Campaign): Promise<RowResult[]>;
}

export function row(id: string, tried: string, figure: string, target: string, ok: boolean): RowResult {
  return { id, tried, figure, target, verdict: ok ? 'pass' : 'FAIL' };
}

export function notApplicable(id: string, reason: string): RowResult {
  return { id, tried: '-', figure: reason, target: '-', verdict: 'n/a' };
}

export const fmt = (n: number) => n.toLocaleString('en-GB');

/**
 * A latency target: judged in the full campaign; the short one (run by `npm test` on a machine
 * that may be busy) prints the figure without judging it. Slack's 3 s deadline is always judged.
 */
export function timed(c: Pick<Campaign, 'mode'>, ok: boolean): boolean {
  return c.mode === 'short' || ok;
}
export const timedNote = (c: Pick<Campaign, 'mode'>) =>
  c.mode === 'short' ? ' (latency not judged in --short)' : '';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;

export const sleep = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await work(items[i] as T, i);
    }
  });
  await Promise.all(lanes);
  return out;
}

/** Polls until `check` holds; false after `timeoutMs`. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await sleep(50);
  }
}
