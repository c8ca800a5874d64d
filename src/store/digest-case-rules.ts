// The rule codes each check fired, kept in case_rules so the digest's calibration counts them with
// an index instead of parsing every stored result in its twelve-week window each week. The index
// grows as the digest runs: each run reads only the checks created since the last one (from the
// first check of the window on a fresh database), with the backend's JSON functions, in id ranges
// of a bounded size. Checks created in the last few minutes wait for the next run, so a check whose
// transaction commits after a higher id was read is not skipped. Several instances may index at
// once: rows are keyed by (case_id, code) and the high-water mark only moves forward.
import { type Kysely, sql } from 'kysely';
import type { Backend } from './backend.js';
import type { Database } from './schema.js';
import { type Db, sqlOf } from './store-handle.js';

const THROUGH = 'case_rules.through';
/** Case ids per statement: keeps each transaction short on a large first run. */
const RANGE = 10_000;
/** How old a check must be before it is indexed: longer than any transaction that writes one. */
export const SETTLE_MS = 5 * 60_000;

export async function indexCaseRules(
  handle: Db,
  backend: Backend,
  windowStart: string,
  now: Date,
): Promise<number> {
  const db = sqlOf(handle);
  const settled = new Date(now.getTime() - SETTLE_MS).toISOString();
  let through = await highWaterMark(db, windowStart);
  const unsettled = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.min('id').as('id'))
    .where('id', '>', through)
    .where('created_at', '>', settled)
    .executeTakeFirst();
  const upTo =
    unsettled?.id !== null && unsettled?.id !== undefined ? Number(unsettled.id) - 1 : await maxId(db);
  let indexed = 0;
  while (through < upTo) {
    const to = Math.min(upTo, through + RANGE);
    const from = through;
    indexed += await db.transaction().execute(async (trx) => {
      const inserted = await insertCodes(backend, from, to, windowStart).execute(trx);
      await trx
        .updateTable('job_state')
        .set({ value: String(to), updated_at: now.toISOString() })
        .where('key', '=', THROUGH)
        .where(sql<boolean>`cast(value as bigint) < ${to}`)
        .execute();
      return Number(inserted.numAffectedRows ?? 0n);
    });
    through = to;
  }
  return indexed;
}

/** Codes of the reasons and notices of `result.nl`, each once per check, for ids in (from, to] in the window. */
function insertCodes(backend: Backend, from: number, to: number, windowStart: string) {
  return sql`insert into case_rules (case_id, code, created_at)
    ${checkCodes(backend, { afterId: from, toId: to, from: windowStart, before: null })}
    on conflict do nothing`;
}

/**
 * `(case_id, code, created_at)` of the checks with ids in (afterId, toId] created in [from, before),
 * read from their stored results: what case_rules holds once they are indexed. A null bound is open.
 */
export function checkCodes(
  backend: Backend,
  b: { afterId: number; toId: number | null; from: string; before: string | null },
) {
  const toId = b.toId === null ? sql`` : sql`and id <= ${b.toId}`;
  const before = b.before === null ? sql`` : sql`and created_at < ${b.before}`;
  return backend === 'postgres'
    ? sql`select distinct c.id as case_id, j ->> 'code' as code, c.created_at
        from (select id, created_at, result::jsonb -> 'nl' as r from cases
          where id > ${b.afterId} ${toId} and kind = 'check' and created_at >= ${b.from} ${before}) c
        cross join lateral jsonb_array_elements(coalesce(c.r -> 'reasons', '[]'::jsonb) || coalesce(c.r -> 'notices', '[]'::jsonb)) j`
    : sql`select distinct c.id as case_id, json_extract(j.value, '$.code') as code, c.created_at
        from (select id, created_at, result from cases
          where id > ${b.afterId} ${toId} and kind = 'check' and created_at >= ${b.from} ${before}) c,
        json_each(json_extract(c.result, '$.nl.reasons', '$.nl.notices')) lists, json_each(lists.value) j
        where true`; // an INSERT ... SELECT followed by ON CONFLICT needs a WHERE in SQLite's grammar
}

/** The highest case id case_rules is complete for (0 before the first digest ever indexed). */
export async function indexedThrough(db: Db): Promise<number> {
  const row = await sqlOf(db)
    .selectFrom('job_state')
    .select('value')
    .where('key', '=', THROUGH)
    .executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/** The highest case id already indexed; on a fresh database, the one before the window's first check. */
async function highWaterMark(db: Kysely<Database>, windowStart: string): Promise<number> {
  const row = await db.selectFrom('job_state').select('value').where('key', '=', THROUGH).executeTakeFirst();
  if (row) return Number(row.value);
  const first = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.min('id').as('id'))
    .where('created_at', '>=', windowStart)
    .executeTakeFirst();
  const start = first?.id === null || first?.id === undefined ? await maxId(db) : Number(first.id) - 1;
  await db
    .insertInto('job_state')
    .values({ key: THROUGH, value: String(start), updated_at: windowStart })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await db
    .selectFrom('job_state')
    .select('value')
    .where('key', '=', THROUGH)
    .executeTakeFirstOrThrow();
  return Number(stored.value);
}

async function maxId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}
