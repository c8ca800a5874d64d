// Digest runs in the store. A run is claimed by its run key before anything is computed or sent
// (INSERT ... ON CONFLICT DO NOTHING: one winner on any number of instances, and on SQLite across
// processes through busy_timeout). The claim carries a lease: when its holder dies mid-run, the
// lease runs out, or its holder is provably gone (instance-liveness.ts), and another instance takes
// the run over (compare-and-set on the old lease) and finishes it with the digest already stored,
// so a resumed post shows the same content. The statements are the store's (digest-run-repo.ts).
import type { Digest } from '../domain/digest/digest-model.js';
import type { DigestPeriod } from '../domain/digest/period.js';
import {
  claimedDigestRuns,
  type DigestRunRow,
  findDigestRun,
  getDigestRun,
  insertDigestRunClaim,
  markDigestRunDone,
  newestClaimedOccurrence,
  type RunTrigger,
  saveDigestOfRun,
  takeOverDigestRun,
} from '../store/digest-run-repo.js';
import type { Db, Tx } from '../store/store-handle.js';

export type { DigestRunRow, RunTrigger };

export type ClaimResult =
  | { claimed: true; run: DigestRunRow; takenOverFrom: string | null }
  | { claimed: false; run: DigestRunRow; reason: 'done' | 'held' };

export async function claimDigestRun(
  db: Db,
  period: DigestPeriod,
  trigger: RunTrigger,
  instanceId: string,
  now: Date,
  leaseMs: number,
  holderGone: (holder: string) => Promise<boolean> = async () => false,
): Promise<ClaimResult> {
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const inserted = await insertDigestRunClaim(db, {
    runKey: period.runKey,
    occurrenceAt: period.occurrence,
    periodLabel: period.label,
    periodStart: period.start,
    periodEnd: period.end,
    trigger,
    claimedBy: instanceId,
    leaseUntil,
    at,
  });
  if (inserted) {
    return { claimed: true, run: await getDigestRun(db, period.runKey), takenOverFrom: null };
  }
  const run = await getDigestRun(db, period.runKey);
  if (run.status === 'done') return { claimed: false, run, reason: 'done' };
  if (run.lease_until > at && !(await holderGone(run.claimed_by)))
    return { claimed: false, run, reason: 'held' };
  const taken = await takeOverDigestRun(
    db,
    period.runKey,
    { claimedBy: run.claimed_by, leaseUntil: run.lease_until },
    { claimedBy: instanceId, leaseUntil, attempts: Number(run.attempts) + 1, at },
  );
  const after = await getDigestRun(db, period.runKey);
  if (taken) return { claimed: true, run: after, takenOverFrom: run.claimed_by };
  return { claimed: false, run: after, reason: after.status === 'done' ? 'done' : 'held' };
}

/** Stores the computed digest and chart, while the run is still ours. */
export async function storeDigest(
  db: Db,
  runKey: string,
  instanceId: string,
  digest: Digest,
  png: Buffer | null,
  now: Date,
): Promise<boolean> {
  return saveDigestOfRun(
    db,
    runKey,
    instanceId,
    { digest: JSON.stringify(digest), chartPng: png ? png.toString('base64') : null },
    now.toISOString(),
  );
}

/** Marks the run done, in the unit of work that enqueues its posts; false when it is no longer ours. */
export async function completeDigestRun(
  tx: Tx,
  runKey: string,
  instanceId: string,
  now: Date,
): Promise<boolean> {
  return markDigestRunDone(tx, runKey, instanceId, now.toISOString());
}

/**
 * Claimed runs whose holder's lease ran out (it died or hangs), or whose holder is provably gone
 * although its lease runs: to be taken over.
 */
export async function abandonedRuns(
  db: Db,
  now: Date,
  holderGone: (holder: string) => Promise<boolean> = async () => false,
): Promise<DigestRunRow[]> {
  const claimed = await claimedDigestRuns(db, 5);
  const at = now.toISOString();
  const out: DigestRunRow[] = [];
  for (const run of claimed) if (run.lease_until < at || (await holderGone(run.claimed_by))) out.push(run);
  return out;
}

/** The occurrence of the newest run ever claimed (by the scheduler or `koers digest --send`). */
export async function lastClaimedOccurrence(db: Db): Promise<string | null> {
  return newestClaimedOccurrence(db);
}

export interface StoredDigestRun {
  runKey: string;
  status: DigestRunRow['status'];
  digest: Digest | null;
  chartPng: Buffer | null;
  periodLabel: string;
}

/** What a channel sender posts for an outbox row of kind `digest` (payload.runKey). */
export async function loadDigestRun(db: Db, runKey: string): Promise<StoredDigestRun | null> {
  const row = await findDigestRun(db, runKey);
  if (!row) return null;
  return {
    runKey: row.run_key,
    status: row.status,
    digest: row.digest === null ? null : (JSON.parse(row.digest) as Digest),
    chartPng: row.chart_png === null ? null : Buffer.from(row.chart_png, 'base64'),
    periodLabel: row.period_label,
  };
}
