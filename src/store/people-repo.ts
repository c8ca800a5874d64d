// The people directory in the store.
import { type Selectable, sql } from 'kysely';
import type { Person } from '../domain/strategy/strategy-schema.js';
import type { PersonSnapshot } from '../domain/workflow/case-model.js';
import { preparedRows } from './prepared-query.js';
import type { PeopleTable } from './schema.js';
import { type Db, sqlOf, type Tx, trxOf } from './store-handle.js';

/** A store handle; a query builder still works for the callers that hold one. */

/** A person as the store holds them. */
export type PersonRow = Selectable<PeopleTable>;

/** What a person row says about where they can be told. */
export type ReachRow = Pick<PersonRow, 'id' | 'slack_id' | 'teams_id' | 'last_platform' | 'notify_on'>;

export function toSnapshot(r: PersonRow): PersonSnapshot {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    reportsTo: r.reports_to,
    delegateId: r.delegate_id,
    absentFrom: r.absent_from,
    absentUntil: r.absent_until,
    // A person gone from the directory is routed around like one no platform reaches.
    unreachable: r.unreachable_on !== null || Number(r.active) === 0,
  };
}

/** The fields a person from the strategy or a CSV sets; a directory sync leaves these alone. */
export function ownedFieldsOf(p: Person): string {
  const owned = ['name', 'role'];
  if (p.email !== undefined) owned.push('email');
  if (p.unit !== undefined) owned.push('unit');
  if (p.reportsTo !== undefined) owned.push('reportsTo');
  if (p.slack !== undefined) owned.push('slackId');
  if (p.teams !== undefined) owned.push('teamsId');
  if (p.language !== undefined) owned.push('language');
  if (p.absent !== undefined) owned.push('absence');
  return owned.join(',');
}

/**
 * Inserts or updates people by id; platform ids given as null are kept as they are. For a
 * person a directory sync has matched, a field this source leaves out keeps what the directory
 * filled in; for anyone else it is cleared, as before.
 */
export async function upsertPeople(handle: Db, people: ReadonlyArray<Person>, now: string): Promise<number> {
  const db = sqlOf(handle);
  for (const p of people) {
    const row = {
      id: p.id,
      name: p.name,
      role: p.role,
      unit: p.unit ?? null,
      reports_to: p.reportsTo ?? null,
      email: p.email ?? null,
      slack_id: p.slack ?? null,
      teams_id: p.teams ?? null,
      language: p.language ?? null,
      absent_from: p.absent?.from ?? null,
      absent_until: p.absent?.until ?? null,
      delegate_id: p.delegate ?? null,
      notify_on: p.notify ?? null,
      unreachable_on: null,
      owned_fields: ownedFieldsOf(p),
      active: 1,
      updated_at: now,
    };
    const keep = <C extends 'unit' | 'reports_to' | 'email' | 'language' | 'absent_from' | 'absent_until'>(
      column: C,
      value: string | null,
    ) =>
      value !== null
        ? sql<string | null>`${value}`
        : sql<
            string | null
          >`case when people.directory_id is null then null else ${sql.ref(`people.${column}`)} end`;
    await db
      .insertInto('people')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: row.name,
          role: row.role,
          unit: keep('unit', row.unit),
          reports_to: keep('reports_to', row.reports_to),
          email: keep('email', row.email),
          slack_id: row.slack_id ?? eb.ref('people.slack_id'),
          teams_id: row.teams_id ?? eb.ref('people.teams_id'),
          language: keep('language', row.language),
          absent_from: keep('absent_from', row.absent_from),
          absent_until: keep('absent_until', row.absent_until),
          delegate_id: row.delegate_id,
          notify_on: row.notify_on,
          owned_fields: row.owned_fields,
          // Whether someone is still in the organisation is the directory's word, once it has one.
          active: sql<number>`case when people.directory_id is null then 1 else people.active end`,
          updated_at: now,
        })),
      )
      .execute();
  }
  return people.length;
}

export async function getPerson(handle: Db, id: string): Promise<PersonRow | undefined> {
  const db = sqlOf(handle);
  if (db.isTransaction) return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  const [row] = await preparedRows(db, 'person-by-id', [id], () =>
    db.selectFrom('people').selectAll().where('id', '=', id),
  );
  return row;
}

export async function findPersonByPlatformId(
  handle: Db,
  platform: 'slack' | 'teams',
  platformId: string,
): Promise<PersonRow | undefined> {
  const db = sqlOf(handle);
  const column = platform === 'slack' ? 'slack_id' : 'teams_id';
  if (db.isTransaction)
    return db.selectFrom('people').selectAll().where(column, '=', platformId).executeTakeFirst();
  const [row] = await preparedRows(db, `person-by-${column}`, [platformId], () =>
    db.selectFrom('people').selectAll().where(column, '=', platformId),
  );
  return row;
}

/**
 * The people an assignment can fall to: everyone holding one of the line's roles, and the
 * requester's reports-to chain (walked a few hops at most). Not the whole directory.
 */
export async function peopleForAssignment(
  handle: Db,
  requesterId: string,
  roles: ReadonlyArray<string>,
): Promise<Map<string, PersonSnapshot>> {
  const db = sqlOf(handle);
  const out = new Map<string, PersonSnapshot>();
  if (roles.length > 0) {
    const holders = await db
      .selectFrom('people')
      .selectAll()
      .where('role', 'in', [...new Set(roles)])
      .execute();
    for (const r of holders) out.set(r.id, toSnapshot(r));
  }
  const seen = new Set<string>();
  for (let id: string | null = requesterId, hops = 0; id !== null && !seen.has(id) && hops < 50; hops++) {
    seen.add(id);
    const known = out.get(id);
    const row: PersonRow | undefined = known ? undefined : await getPerson(handle, id);
    const p: PersonSnapshot | null = known ?? (row ? toSnapshot(row) : null);
    if (!p) break;
    out.set(p.id, p);
    id = p.reportsTo;
  }
  return out;
}

/** Open cases per assignee, for the given people only. */
export async function openCaseCountsOf(handle: Db, ids: ReadonlyArray<string>): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const db = sqlOf(handle);
  const rows = await db
    .selectFrom('cases')
    .select(['assignee_id', db.fn.countAll<number>().as('n')])
    .where('state', 'in', ['open', 'info_requested'])
    .where('assignee_id', 'in', [...ids])
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id as string, Number(r.n)]));
}

/** Where each of these people can be told (people the directory does not know are left out). */
export function reachOf(tx: Tx, ids: ReadonlyArray<string>): Promise<ReachRow[]> {
  return trxOf(tx)
    .selectFrom('people')
    .select(['id', 'slack_id', 'teams_id', 'last_platform', 'notify_on'])
    .where('id', 'in', [...ids])
    .execute();
}

/** The person's unit in the directory (undefined: not in it). */
export async function unitOf(db: Db, id: string): Promise<{ unit: string | null } | undefined> {
  return sqlOf(db).selectFrom('people').select('unit').where('id', '=', id).executeTakeFirst();
}

/** A platform says it cannot reach the person. */
export async function markPersonUnreachable(db: Db, id: string, platform: string, at: string): Promise<void> {
  await sqlOf(db)
    .updateTable('people')
    .set({ unreachable_on: platform, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Everyone the store knows, in no particular order. */
export function allPeople(db: Db): Promise<PersonRow[]> {
  return sqlOf(db).selectFrom('people').selectAll().execute();
}

/** Everyone the store knows, in id order. */
export function allPeopleById(db: Db): Promise<PersonRow[]> {
  return sqlOf(db).selectFrom('people').selectAll().orderBy('id').execute();
}
