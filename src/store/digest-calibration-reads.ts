// The digest's reads of the calibration signals over the window (the last CALIBRATION_WINDOW_WEEKS weeks): themes that
// escalate, rule codes that fire (from case_rules, the codes of each stored check result),
// exceptions decided, and escalations just over a role's limit.
import { type RawBuilder, sql } from 'kysely';
import type { MandateLimit, RuleCount, ThemeRow } from '../domain/digest/calibration.js';
import { PINCH_MARGIN } from '../domain/digest/calibration.js';
import type { Backend } from './backend.js';
import { checkCodes, indexedThrough } from './digest-case-rules.js';
import { type Db, sqlOf } from './store-handle.js';

export interface Window {
  start: string;
  periodStart: string;
  end: string;
  /** When the digest is computed (at or after `end`): rule counts reach up to here. */
  upTo: string;
}

export async function themeRows(db: Db, w: Window): Promise<ThemeRow[]> {
  const rows = await sqlOf(db)
    .selectFrom('cases')
    .select([
      'priority',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`coalesce(sum(case when verdict = 'escalate' then 1 else 0 end), 0)`.as('escalated'),
      sql<number>`coalesce(sum(case when verdict = 'outside_strategy' then 1 else 0 end), 0)`.as('outside'),
    ])
    .where('kind', '=', 'check')
    .where('created_at', '>=', w.start)
    .where('created_at', '<', w.end)
    .groupBy('priority')
    .execute();
  return rows.map((r) => ({
    priority: r.priority,
    checks: Number(r.n),
    escalated: Number(r.escalated),
    outsideStrategy: Number(r.outside),
  }));
}

/**
 * How many checks each rule code fired in the period, in the window, and from the window's start
 * up to now: case_rules for the checks it holds (see digest-case-rules.ts), the stored results for the
 * few it does not hold yet (the last minutes' checks), so a rule used a moment ago counts.
 */
export async function ruleCounts(db: Db, backend: Backend, w: Window): Promise<RuleCount[]> {
  const through = await indexedThrough(db);
  const result = await sql<{ code: string; until_now: number; in_window: number; in_period: number }>`
    select code, count(*) as until_now,
      coalesce(sum(case when created_at < ${w.end} then 1 else 0 end), 0) as in_window,
      coalesce(sum(case when created_at >= ${w.periodStart} and created_at < ${w.end} then 1 else 0 end), 0) as in_period
    from (
      select code, created_at from case_rules
        where case_id <= ${through} and created_at >= ${w.start} and created_at < ${w.upTo}
      union all
      select code, created_at from (${checkCodes(backend, { afterId: through, toId: null, from: w.start, before: w.upTo })}) fresh
    ) fired
    group by code`.execute(sqlOf(db));
  return result.rows.map((r) => ({
    code: r.code,
    period: Number(r.in_period),
    window: Number(r.in_window),
    untilNow: Number(r.until_now),
  }));
}

export async function exceptionDecisions(db: Db, w: Window): Promise<{ granted: number; refused: number }> {
  const rows = await sqlOf(db)
    .selectFrom('decisions as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select(['d.action', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.kind', '=', 'exception')
    .where('d.action', 'in', ['approve', 'reject'])
    .where('d.at', '>=', w.start)
    .where('d.at', '<', w.end)
    .groupBy('d.action')
    .execute();
  const by = new Map(rows.map((r) => [r.action, Number(r.n)]));
  return { granted: by.get('approve') ?? 0, refused: by.get('reject') ?? 0 };
}

/** Per role limit: escalated checks over it, and those at most PINCH_MARGIN over it (one query). */
export async function mandateCounts(
  db: Db,
  w: Window,
  limits: ReadonlyArray<MandateLimit>,
): Promise<Array<MandateLimit & { overLimit: number; nearLimit: number }>> {
  if (limits.length === 0) return [];
  const sums: RawBuilder<unknown>[] = [];
  limits.forEach((l, i) => {
    const column = sql.ref(l.limit === 'budget' ? 'budget' : 'months');
    const near = l.value * (1 + PINCH_MARGIN);
    sums.push(
      sql`coalesce(sum(case when requester_role = ${l.role} and ${column} > ${l.value} then 1 else 0 end), 0) as ${sql.ref(`o${i}`)}`,
    );
    sums.push(
      sql`coalesce(sum(case when requester_role = ${l.role} and ${column} > ${l.value} and ${column} <= ${near} then 1 else 0 end), 0) as ${sql.ref(`n${i}`)}`,
    );
  });
  const result = await sql<Record<string, number>>`
    select ${sql.join(sums)} from cases
    where kind = 'check' and verdict = 'escalate' and created_at >= ${w.start} and created_at < ${w.end}`.execute(
    sqlOf(db),
  );
  const row = result.rows[0] ?? {};
  return limits.map((l, i) => ({
    ...l,
    overLimit: Number(row[`o${i}`] ?? 0),
    nearLimit: Number(row[`n${i}`] ?? 0),
  }));
}
