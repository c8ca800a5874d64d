// What a submit reads before it decides anything, in one go: whether the submit was seen before,
// the requester's role and unit, the register's active relationships with the partner (and their
// owners' names), the count of exploring relationships, the people a case could go to (the
// decision line's role holders, the requester's reports-to chain, their delegates) with their open
// cases, the audit chain's head (locked), and the id the new case will have. On PostgreSQL this
// is one statement (one round trip); SQLite runs it as several small queries in process.
import { type Kysely, sql, type Transaction } from 'kysely';
import { type AuditHead, lockAuditHead } from './audit-log.js';
import type { Backend } from './backend.js';
import { getPerson, openCaseCountsOf, type PersonRow } from './people-repo.js';
import type { Database } from './schema.js';
import { handleOf, type Tx, trxOf } from './store-handle.js';

export interface SubmitContextQuery {
  /** The submit's idempotency key in processed_events, or null. */
  eventKey: string | null;
  requesterId: string;
  partnerKey: string;
  /** The roles a case could go to (the proposal's decision line). */
  roles: ReadonlyArray<string>;
}

export interface RegisterMatch {
  partner: string;
  owner_id: string;
  priority: string | null;
  partner_type: string;
  intensity: string;
  unit: string | null;
  owner_name: string | null;
}

export interface SubmitContext {
  /** The case an earlier submit with the same key made. */
  seenCaseId: number | null;
  requester: { role: string; unit: string | null } | null;
  matches: RegisterMatch[];
  exploringCount: number;
  /** Holders of the roles, the requester's reports-to chain (50 at most) and their delegates. */
  people: PersonRow[];
  openCases: Map<string, number>;
  auditHead: AuditHead;
  /** The id the new case is inserted with. */
  caseId: number;
}

const CHAIN_LIMIT = 50;
const OPEN_STATES = ['open', 'info_requested'] as const;

export function readSubmitContext(tx: Tx, backend: Backend, q: SubmitContextQuery): Promise<SubmitContext> {
  const trx = trxOf(tx);
  return backend === 'postgres' ? readInOneStatement(trx, q) : readOneByOne(trx, q);
}

interface ContextRow {
  seen: string | null;
  requester: { role: string; unit: string | null } | null;
  matches: RegisterMatch[];
  exploring: string | number;
  people: PersonRow[];
  open_counts: Record<string, number>;
  head: { seq: number | string; hash: string };
  case_id: string | number | null;
}

async function readInOneStatement(trx: Transaction<Database>, q: SubmitContextQuery): Promise<SubmitContext> {
  const { rows } = await sql<ContextRow>`
    with recursive chain (id, reports_to, depth, path) as (
      select id, reports_to, 1, array[id] from people where id = ${q.requesterId}
      union all
      select p.id, p.reports_to, c.depth + 1, c.path || p.id
      from chain c join people p on p.id = c.reports_to
      where c.depth < ${CHAIN_LIMIT} and not (p.id = any(c.path))
    ),
    base as (
      select id from people where role = any(${[...q.roles]}::text[])
      union select id from chain
    ),
    cand as (
      select id from base
      union select delegate_id from people where id in (select id from base) and delegate_id is not null
    ),
    seen as (select ref from processed_events where key = ${q.eventKey})
    select
      (select ref from seen) as seen,
      (select json_build_object('role', role, 'unit', unit) from people where id = ${q.requesterId}) as requester,
      (select coalesce(json_agg(json_build_object(
          'partner', r.partner, 'owner_id', r.owner_id, 'priority', r.priority,
          'partner_type', r.partner_type, 'intensity', r.intensity, 'unit', r.unit, 'owner_name', o.name
        ) order by r.id), '[]'::json)
        from relationships r left join people o on o.id = r.owner_id
        where r.partner_key = ${q.partnerKey} and r.status = 'active') as matches,
      (select count(*) from relationships where status = 'active' and priority is null) as exploring,
      (select coalesce(json_agg(p order by p.id), '[]'::json) from people p where p.id in (select id from cand)) as people,
      (select coalesce(json_object_agg(k.assignee_id, k.n), '{}'::json) from (
        select assignee_id, count(*) as n from cases
        where state in (${sql.join(OPEN_STATES.map((s) => sql`${s}`))}) and assignee_id in (select id from cand)
        group by assignee_id) k) as open_counts,
      (select json_build_object('seq', h.seq, 'hash', h.hash)
        from (select seq, hash from audit_head where id = 1 for update) h) as head,
      case when (select ref from seen) is null then nextval(pg_get_serial_sequence('cases', 'id')) end as case_id
  `.execute(trx);
  const row = rows[0];
  if (!row?.head) throw new Error('the audit chain head is missing');
  return {
    seenCaseId: row.seen === null ? null : Number(row.seen),
    requester: row.requester,
    matches: row.matches,
    exploringCount: Number(row.exploring),
    people: row.people,
    openCases: new Map(Object.entries(row.open_counts).map(([id, n]) => [id, Number(n)])),
    auditHead: { seq: Number(row.head.seq), hash: row.head.hash },
    caseId: Number(row.case_id ?? 0),
  };
}

async function readOneByOne(trx: Transaction<Database>, q: SubmitContextQuery): Promise<SubmitContext> {
  const seen =
    q.eventKey === null
      ? undefined
      : await trx
          .selectFrom('processed_events')
          .select('ref')
          .where('key', '=', q.eventKey)
          .executeTakeFirst();
  const requester = await trx
    .selectFrom('people')
    .select(['role', 'unit'])
    .where('id', '=', q.requesterId)
    .executeTakeFirst();
  const matches = await trx
    .selectFrom('relationships as r')
    .leftJoin('people as o', 'o.id', 'r.owner_id')
    .select([
      'r.partner',
      'r.owner_id',
      'r.priority',
      'r.partner_type',
      'r.intensity',
      'r.unit',
      'o.name as owner_name',
    ])
    .where('r.partner_key', '=', q.partnerKey)
    .where('r.status', '=', 'active')
    .orderBy('r.id')
    .execute();
  const exploring = await trx
    .selectFrom('relationships')
    .select(trx.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .where('priority', 'is', null)
    .executeTakeFirstOrThrow();
  const people = await candidates(trx, q);
  const openCases = await openCaseCountsOf(
    handleOf(trx),
    people.map((p) => p.id),
  );
  const auditHead = await lockAuditHead(trx, 'sqlite');
  const next = await sql<{ id: number }>`
    select max(
      coalesce((select seq from sqlite_sequence where name = 'cases'), 0),
      coalesce((select max(id) from cases), 0)
    ) + 1 as id`.execute(trx);
  return {
    seenCaseId: seen ? Number(seen.ref) : null,
    requester: requester ?? null,
    matches,
    exploringCount: Number(exploring.n),
    people,
    openCases,
    auditHead,
    caseId: Number(next.rows[0]?.id ?? 1),
  };
}

/** The role holders, the requester's reports-to chain and their delegates, ordered by id. */
async function candidates(
  db: Kysely<Database> | Transaction<Database>,
  q: SubmitContextQuery,
): Promise<PersonRow[]> {
  const out = new Map<string, PersonRow>();
  if (q.roles.length > 0) {
    const holders = await db
      .selectFrom('people')
      .selectAll()
      .where('role', 'in', [...new Set(q.roles)])
      .execute();
    for (const r of holders) out.set(r.id, r);
  }
  const seen = new Set<string>();
  for (
    let id: string | null = q.requesterId, hops = 0;
    id !== null && !seen.has(id) && hops < CHAIN_LIMIT;
    hops++
  ) {
    seen.add(id);
    const p: PersonRow | undefined = out.get(id) ?? (await getPerson(handleOf(db), id));
    if (!p) break;
    out.set(p.id, p);
    id = p.reports_to;
  }
  const delegates = [
    ...new Set([...out.values()].flatMap((p) => (p.delegate_id ? [p.delegate_id] : []))),
  ].filter((id) => !out.has(id));
  if (delegates.length > 0) {
    const rows = await db.selectFrom('people').selectAll().where('id', 'in', delegates).execute();
    for (const r of rows) out.set(r.id, r);
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
