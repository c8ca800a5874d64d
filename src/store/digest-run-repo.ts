// The digest_runs table: one row per digest run key, the claim and lease of whoever runs it, and
// the digest and chart it stored before posting. Each function is one statement; the claim
// protocol built from them (who wins, when a lease is taken over) is the digest job's.
import { type Db, sqlOf, type Tx, trxOf } from './store-handle.js';

/** What started a run. */
export type RunTrigger = 'schedule' | 'catch_up' | 'cli';

/** A digest run as stored: the digest as JSON, the chart as base64 PNG. */
export interface DigestRunRow {
  run_key: string;
  occurrence_at: string;
  period_label: string;
  period_start: string;
  period_end: string;
  trigger: RunTrigger;
  status: 'claimed' | 'done';
  claimed_by: string;
  lease_until: string;
  attempts: number;
  digest: string | null;
  chart_png: string | null;
  created_at: string;
  updated_at: string;
  done_at: string | null;
}

/** A new run's row as claimed by its first holder. */
export interface NewDigestRun {
  runKey: string;
  occurrenceAt: string;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  trigger: RunTrigger;
  claimedBy: string;
  leaseUntil: string;
  at: string;
}

/** Inserts the run's row unless its run key is there (ON CONFLICT DO NOTHING); true when inserted. */
export async function insertDigestRunClaim(db: Db, run: NewDigestRun): Promise<boolean> {
  const inserted = await sqlOf(db)
    .insertInto('digest_runs')
    .values({
      run_key: run.runKey,
      occurrence_at: run.occurrenceAt,
      period_label: run.periodLabel,
      period_start: run.periodStart,
      period_end: run.periodEnd,
      trigger: run.trigger,
      status: 'claimed',
      claimed_by: run.claimedBy,
      lease_until: run.leaseUntil,
      attempts: 1,
      digest: null,
      chart_png: null,
      created_at: run.at,
      updated_at: run.at,
      done_at: null,
    })
    .onConflict((oc) => oc.column('run_key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** The run of `runKey`; it must exist. */
export async function getDigestRun(db: Db, runKey: string): Promise<DigestRunRow> {
  return sqlOf(db)
    .selectFrom('digest_runs')
    .selectAll()
    .where('run_key', '=', runKey)
    .executeTakeFirstOrThrow();
}

/** The run of `runKey`, or undefined. */
export async function findDigestRun(db: Db, runKey: string): Promise<DigestRunRow | undefined> {
  return sqlOf(db).selectFrom('digest_runs').selectAll().where('run_key', '=', runKey).executeTakeFirst();
}

/**
 * Moves a claimed run to a new holder, compare-and-set on the lease it had (`from`): true when
 * this call moved it, false when someone else did (or it is done).
 */
export async function takeOverDigestRun(
  db: Db,
  runKey: string,
  from: { claimedBy: string; leaseUntil: string },
  to: { claimedBy: string; leaseUntil: string; attempts: number; at: string },
): Promise<boolean> {
  const taken = await sqlOf(db)
    .updateTable('digest_runs')
    .set({
      claimed_by: to.claimedBy,
      lease_until: to.leaseUntil,
      attempts: to.attempts,
      updated_at: to.at,
    })
    .where('run_key', '=', runKey)
    .where('status', '=', 'claimed')
    .where('claimed_by', '=', from.claimedBy)
    .where('lease_until', '=', from.leaseUntil)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** Stores the digest (JSON) and chart (base64) while `instanceId` holds the claim; true when stored. */
export async function saveDigestOfRun(
  db: Db,
  runKey: string,
  instanceId: string,
  stored: { digest: string; chartPng: string | null },
  at: string,
): Promise<boolean> {
  const r = await sqlOf(db)
    .updateTable('digest_runs')
    .set({ digest: stored.digest, chart_png: stored.chartPng, updated_at: at })
    .where('run_key', '=', runKey)
    .where('claimed_by', '=', instanceId)
    .where('status', '=', 'claimed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks the run done in the caller's unit of work while `instanceId` holds it; true when marked. */
export async function markDigestRunDone(
  tx: Tx,
  runKey: string,
  instanceId: string,
  at: string,
): Promise<boolean> {
  const r = await trxOf(tx)
    .updateTable('digest_runs')
    .set({ status: 'done', done_at: at, updated_at: at })
    .where('run_key', '=', runKey)
    .where('claimed_by', '=', instanceId)
    .where('status', '=', 'claimed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The oldest claimed (not done) runs, at most `limit`. */
export async function claimedDigestRuns(db: Db, limit: number): Promise<DigestRunRow[]> {
  return sqlOf(db)
    .selectFrom('digest_runs')
    .selectAll()
    .where('status', '=', 'claimed')
    .orderBy('occurrence_at')
    .limit(limit)
    .execute();
}

/** The newest occurrence any run was claimed for, or null. */
export async function newestClaimedOccurrence(db: Db): Promise<string | null> {
  const row = await sqlOf(db)
    .selectFrom('digest_runs')
    .select((eb) => eb.fn.max('occurrence_at').as('last'))
    .executeTakeFirst();
  return (row?.last as string | null | undefined) ?? null;
}
