// The digest's reads of this week and of what is waiting: counts by GROUP BY over indexed time
// ranges, and short lists.
import { type Kysely, sql } from 'kysely';
import type { Verdict } from '../domain/check/verdict.js';
import {
  LIST_LIMIT,
  type NamedRelationship,
  type ThisWeek,
  WAITING_LIST,
  type Waiting,
} from '../domain/digest/digest-model.js';
import type { DigestPeriod } from '../domain/digest/period.js';
import type { Database } from './schema.js';
import { type Db, sqlOf } from './store-handle.js';

const HOUR_MS = 3_600_000;

export async function thisWeek(handle: Db, p: DigestPeriod): Promise<ThisWeek> {
  const db = sqlOf(handle);
  const [verdicts, decisions, sources, ended, newList, endedList] = await Promise.all([
    db
      .selectFrom('cases')
      .select(['verdict', (eb) => eb.fn.countAll<number>().as('n')])
      .where('kind', '=', 'check')
      .where('created_at', '>=', p.start)
      .where('created_at', '<', p.end)
      .groupBy('verdict')
      .execute(),
    db
      .selectFrom('decisions as d')
      .innerJoin('cases as c', 'c.id', 'd.case_id')
      .select(['d.action', 'c.kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('d.at', '>=', p.start)
      .where('d.at', '<', p.end)
      .where('d.action', 'in', ['approve', 'reject', 'withdraw'])
      .groupBy(['d.action', 'c.kind'])
      .execute(),
    db
      .selectFrom('relationships')
      .select(['source', (eb) => eb.fn.countAll<number>().as('n')])
      .where('created_at', '>=', p.start)
      .where('created_at', '<', p.end)
      // A relationship imported as already ended is history, not a new one.
      .where((eb) => eb.or([eb('source', '!=', 'import'), eb('status', '!=', 'ended')]))
      .groupBy('source')
      .execute(),
    db
      .selectFrom('relationships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'ended')
      .where('end_date', '>=', p.startDate)
      .where('end_date', '<', p.endDate)
      .executeTakeFirstOrThrow(),
    namedRelationships(db)
      .where('r.created_at', '>=', p.start)
      .where('r.created_at', '<', p.end)
      .where('r.source', '!=', 'import')
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(LIST_LIMIT)
      .execute(),
    namedRelationships(db)
      .where('r.status', '=', 'ended')
      .where('r.end_date', '>=', p.startDate)
      .where('r.end_date', '<', p.endDate)
      .orderBy('r.end_date', 'desc')
      .orderBy('r.id', 'desc')
      .limit(LIST_LIMIT)
      .execute(),
  ]);
  const checks = { within_mandate: 0, escalate: 0, outside_strategy: 0, total: 0 };
  for (const v of verdicts) {
    checks[v.verdict as Verdict] = Number(v.n);
    checks.total += Number(v.n);
  }
  const d = { approved: 0, rejected: 0, exceptionsGranted: 0, exceptionsRefused: 0, withdrawn: 0 };
  for (const r of decisions) {
    const n = Number(r.n);
    const approved = r.action === 'approve';
    if (r.action === 'withdraw') d.withdrawn += n;
    else if (r.kind === 'exception' && approved) d.exceptionsGranted += n;
    else if (r.kind === 'exception') d.exceptionsRefused += n;
    else if (approved) d.approved += n;
    else d.rejected += n;
  }
  const bySource = new Map(sources.map((s) => [s.source, Number(s.n)]));
  return {
    checks,
    decisions: d,
    registered: (bySource.get('check') ?? 0) + (bySource.get('exception') ?? 0),
    imported: bySource.get('import') ?? 0,
    ended: Number(ended.n),
    newRelationships: newList.map(toNamed),
    endedRelationships: endedList.map(toNamed),
  };
}

/** Relationships with the owner's name; a confidential partner's name never leaves the database. */
function namedRelationships(db: Kysely<Database>) {
  return db
    .selectFrom('relationships as r')
    .leftJoin('people as o', 'o.id', 'r.owner_id')
    .select([
      'r.id',
      sql<string | null>`case when r.confidential = 1 then null else r.partner end`.as('partner'),
      'r.priority',
      'r.intensity',
      'r.budget',
      'r.owner_id',
      'o.name as owner_name',
      'r.unit',
    ]);
}

function toNamed(r: {
  id: number;
  partner: string | null;
  priority: string | null;
  intensity: string;
  budget: number;
  owner_id: string;
  owner_name: string | null;
  unit: string | null;
}): NamedRelationship {
  return {
    id: Number(r.id),
    partner: r.partner,
    priority: r.priority,
    intensity: r.intensity,
    budget: Number(r.budget),
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    unit: r.unit,
  };
}

export async function waiting(handle: Db, asOf: Date, passUpAfterHours: number): Promise<Waiting> {
  const db = sqlOf(handle);
  const cutoff = new Date(asOf.getTime() - passUpAfterHours * HOUR_MS).toISOString();
  const [totals, oldest] = await Promise.all([
    db
      .selectFrom('cases')
      .select([
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`coalesce(sum(case when state = 'open' and assigned_at <= ${cutoff} then 1 else 0 end), 0)`.as(
          'past',
        ),
      ])
      .where('state', 'in', ['open', 'info_requested'])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('cases as c')
      .leftJoin('people as a', 'a.id', 'c.assignee_id')
      .leftJoin('people as q', 'q.id', 'c.requester_id')
      .select([
        'c.id',
        'c.kind',
        'c.state',
        sql<string | null>`case when c.confidential = 1 then null else c.partner end`.as('partner'),
        'c.priority',
        'c.created_at',
        'c.assigned_at',
        'c.step',
        'c.steps',
        'c.assignee_id',
        'c.requester_id',
        'a.name as assignee_name',
        'q.name as requester_name',
      ])
      .where('c.state', 'in', ['open', 'info_requested'])
      .orderBy('c.created_at')
      .orderBy('c.id')
      .limit(WAITING_LIST)
      .execute(),
  ]);
  return {
    total: Number(totals.n),
    pastPassUp: Number(totals.past),
    passUpAfterHours,
    oldest: oldest.map((c) => {
      const steps = JSON.parse(c.steps) as string[];
      const awaitingRequester = c.state === 'info_requested';
      const atStepSince = Date.parse(c.assigned_at ?? c.created_at);
      return {
        caseId: Number(c.id),
        kind: c.kind,
        state: c.state,
        partner: c.partner,
        priority: c.priority,
        ageHours: Math.max(0, Math.floor((asOf.getTime() - Date.parse(c.created_at)) / HOUR_MS)),
        atStepHours: Math.max(0, Math.floor((asOf.getTime() - atStepSince) / HOUR_MS)),
        step: Number(c.step),
        stepRole: steps[Number(c.step)] ?? null,
        holderId: awaitingRequester ? c.requester_id : c.assignee_id,
        holderName: awaitingRequester ? c.requester_name : c.assignee_name,
        pastPassUp: c.state === 'open' && c.assigned_at !== null && c.assigned_at <= cutoff,
      };
    }),
  };
}
