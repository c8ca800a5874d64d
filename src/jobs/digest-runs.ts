// Digest runs in the store. A run is claimed by its run key before anything is computed or sent
// (INSERT ... ON CONFLICT DO NOTHING: one winner on any number of instances, and on SQLite across
// processes through busy_timeout). The claim carries a lease: when its holder dies mid-run, the
// lease runs out, or its holder is provably gone (instance-liveness.ts), and another instance takes
// the run over (compare-and-set on the old lease) and finishes it with the digest already stored,
// so a resumed post shows the same content.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Digest } from '../domain/digest/digest-model.js';
import type { DigestPeriod } from '../domain/digest/period.js';
import type { Database, DigestRunsTable } from '../store/schema.js';

export type RunTrigger = DigestRunsTable['trigger'];
export type DigestRunRow = Selectable<DigestRunsTable>;

export type ClaimResult =
  | { claimed: true; run: DigestRunRow; takenOverFrom: string | null }
  | { claimed: false; run: DigestRunRow; reason: 'done' | 'held' };

export async function claimDigestRun(
  db: Kysely<Database>,
  period: DigestPeriod,
  trigger: RunTrigger,
  instanceId: string,
  now: Date,
  leaseMs: number,
  holderGone: (holder: string) => Promise<boolean> = async () => false,
): Promise<ClaimResult> {
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const inserted = await db
    .insertInto('digest_runs')
    .values({
      run_key: period.runKey,
      occurrence_at: period.occurrence,
      period_label: period.label,
      period_start: period.start,
      period_end: period.end,
      trigger,
      status: 'claimed',
      claimed_by: instanceId,
      lease_until: leaseUntil,
      attempts: 1,
      digest: null,
      chart_png: null,
      created_at: at,
      updated_at: at,
      done_at: null,
    })
    .onConflict((oc) => oc.column('run_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) {
    return { claimed: true, run: await getRun(db, period.runKey), takenOverFrom: null };
  }
  const run = await getRun(db, period.runKey);
  if (run.status === 'done') return { claimed: false, run, reason: 'done' };
  if (run.lease_until > at && !(await holderGone(run.claimed_by)))
    return { claimed: false, run, reason: 'held' };
  const taken = await db
    .updateTable('digest_runs')
    .set({
      claimed_by: instanceId,
      lease_until: leaseUntil,
      attempts: Number(run.attempts) + 1,
      updated_at: at,
    })
    .where('run_key', '=', period.runKey)
    .where('status', '=', 'claimed')
    .where('claimed_by', '=', run.claimed_by)
    .where('lease_until', '=', run.lease_until)
    .executeTakeFirst();
  const after = await getRun(db, period.runKey);
  if (Number(taken.numUpdatedRows) === 1) return { claimed: true, run: after, takenOverFrom: run.claimed_by };
  return { claimed: false, run: after, reason: after.status === 'done' ? 'done' : 'held' };
}

async function getRun(db: Kysely<Database>, runKey: string): Promise<DigestRunRow> {
  return db.selectFrom('digest_runs').selectAll().where('run_key', '=', runKey).executeTakeFirstOrThrow();
}

/** Stores the computed digest and chart, while the run is still ours. */
export async function storeDigest(
  db: Kysely<Database>,
  runKey: string,
  instanceId: string,
  digest: Digest,
  png: Buffer | null,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('digest_runs')
    .set({
      digest: JSON.stringify(digest),
      chart_png: png ? png.toString('base64') : null,
      updated_at: now.toISOString(),
    })
    .where('run_key', '=', runKey)
    .where('claimed_by', '=', instanceId)
    .where('status', '=', 'claimed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks the run done, in the transaction that enqueues its posts; false when it is no longer ours. */
export async function completeDigestRun(
  trx: Transaction<Database>,
  runKey: string,
  instanceId: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const r = await trx
    .updateTable('digest_runs')
    .set({ status: 'done', done_at: at, updated_at: at })
    .where('run_key', '=', runKey)
    .where('claimed_by', '=', instanceId)
    .where('status', '=', 'claimed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Claimed runs whose holder's lease ran out (it died or hangs), or whose holder is provably gone
 * although its lease runs: to be taken over.
 */
export async function abandonedRuns(
  db: Kysely<Database>,
  now: Date,
  holderGone: (holder: string) => Promise<boolean> = async () => false,
): Promise<DigestRunRow[]> {
  const claimed = await db
    .selectFrom('digest_runs')
    .selectAll()
    .where('status', '=', 'claimed')
    .orderBy('occurrence_at')
    .limit(5)
    .execute();
  const at = now.toISOString();
  const out: DigestRunRow[] = [];
  for (const run of claimed) if (run.lease_until < at || (await holderGone(run.claimed_by))) out.push(run);
  return out;
}

/** The occurrence of the newest run ever claimed (by the scheduler or `koers digest --send`). */
export async function lastClaimedOccurrence(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('digest_runs')
    .select((eb) => eb.fn.max('occurrence_at').as('last'))
    .executeTakeFirst();
  return (row?.last as string | null | undefined) ?? null;
}

export interface StoredDigestRun {
  runKey: string;
  status: DigestRunRow['status'];
  digest: Digest | null;
  chartPng: Buffer | null;
  periodLabel: string;
}

/** What a channel sender posts for an outbox row of kind `digest` (payload.runKey). */
export async function loadDigestRun(db: Kysely<Database>, runKey: string): Promise<StoredDigestRun | null> {
  const row = await db.selectFrom('digest_runs').selectAll().where('run_key', '=', runKey).executeTakeFirst();
  if (!row) return null;
  return {
    runKey: row.run_key,
    status: row.status,
    digest: row.digest === null ? null : (JSON.parse(row.digest) as Digest),
    chartPng: row.chart_png === null ? null : Buffer.from(row.chart_png, 'base64'),
    periodLabel: row.period_label,
  };
}
