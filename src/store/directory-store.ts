// The people table as a directory sync sees it: the people Koers knows (with the fields their
// strategy or CSV owns), and a sync plan applied in one transaction: people added and changed,
// every role raise and every deactivation in the audit log, and cases, relationships and reviews
// recorded under a platform id (`slack:U…`, `teams:…`) moved to the person the directory now
// names. Handing a leaver's open cases on is the workflow's job, after this commit.
import type { Transaction } from 'kysely';
import { type KnownPerson, PERSON_FIELDS, type PersonField } from '../domain/directory/directory-person.js';
import type { PersonValues, SyncPlan } from '../domain/directory/plan-sync.js';
import { appendAudit } from './audit-log.js';
import type { Backend } from './backend.js';
import type { Database } from './schema.js';
import { type Db, sqlOf } from './store-handle.js';

/** A store handle; a query builder still works for the callers that hold one. */

export interface AppliedSync {
  /** Rows moved from a platform id to their person (cases, relationships, reviews). */
  movedRecords: number;
}

const COLUMN: Record<Exclude<keyof PersonValues, 'absentFrom' | 'absentUntil'>, string> = {
  name: 'name',
  email: 'email',
  role: 'role',
  unit: 'unit',
  reportsTo: 'reports_to',
  slackId: 'slack_id',
  teamsId: 'teams_id',
  language: 'language',
};

export async function knownPeople(handle: Db): Promise<KnownPerson[]> {
  const rows = await sqlOf(handle).selectFrom('people').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    unit: r.unit,
    reportsTo: r.reports_to,
    slackId: r.slack_id,
    teamsId: r.teams_id,
    language: r.language === 'nl' || r.language === 'en' ? r.language : null,
    absentFrom: r.absent_from,
    absentUntil: r.absent_until,
    active: Number(r.active) !== 0,
    directoryId: r.directory_id,
    owned: ownedSet(r.owned_fields),
  }));
}

function ownedSet(csv: string): Set<PersonField> {
  const known = new Set<string>(PERSON_FIELDS);
  return new Set(
    csv
      .split(',')
      .map((f) => f.trim())
      .filter((f): f is PersonField => known.has(f)),
  );
}

export async function applySyncPlan(
  handle: Db,
  backend: Backend,
  plan: SyncPlan,
  o: { at: string; actor: string; source: string },
): Promise<AppliedSync> {
  return sqlOf(handle)
    .transaction()
    .execute(async (trx) => {
      for (const a of plan.adds) {
        const v = a.values;
        await trx
          .insertInto('people')
          .values({
            id: a.id,
            name: v.name,
            role: v.role,
            unit: v.unit,
            reports_to: v.reportsTo,
            email: v.email,
            slack_id: v.slackId,
            teams_id: v.teamsId,
            language: v.language,
            absent_from: v.absentFrom,
            absent_until: v.absentUntil,
            delegate_id: null,
            unreachable_on: null,
            directory_id: a.directoryId,
            owned_fields: '',
            active: 1,
            updated_at: o.at,
          })
          .execute();
      }
      for (const c of plan.changes) {
        const set: Record<string, unknown> = { directory_id: c.directoryId, updated_at: o.at };
        for (const [field, change] of Object.entries(c.fields)) {
          if (!change) continue;
          if (field === 'active') set.active = change.to ? 1 : 0;
          else if (field === 'absentFrom') set.absent_from = change.to;
          else if (field === 'absentUntil') set.absent_until = change.to;
          else set[COLUMN[field as keyof typeof COLUMN]] = change.to;
        }
        // A person who is back is reachable again until a platform says otherwise.
        if (c.fields.active?.to === true) set.unreachable_on = null;
        await trx.updateTable('people').set(set).where('id', '=', c.id).execute();
      }
      for (const r of plan.raises)
        await appendAudit(trx, backend, {
          at: o.at,
          actorId: o.actor,
          action: 'role_raised',
          platform: o.source,
          data: { person: r.id, from: r.from, to: r.to, rule: r.rule + 1 },
        });
      if (plan.deactivations.length > 0) {
        await trx
          .updateTable('people')
          .set({ active: 0, updated_at: o.at })
          .where('id', 'in', plan.deactivations)
          .execute();
        for (const id of plan.deactivations)
          await appendAudit(trx, backend, {
            at: o.at,
            actorId: o.actor,
            action: 'person_deactivated',
            platform: o.source,
            data: { person: id, why: 'gone from the directory' },
          });
      }
      const movedRecords = await movePlatformRecords(trx);
      return { movedRecords };
    });
}

/**
 * Records written under `slack:U…` or `teams:…` (someone the directory did not know yet) move to
 * the person whose Slack or Teams id that is.
 */
async function movePlatformRecords(trx: Transaction<Database>): Promise<number> {
  const people = await trx
    .selectFrom('people')
    .select(['id', 'slack_id', 'teams_id'])
    .where((eb) => eb.or([eb('slack_id', 'is not', null), eb('teams_id', 'is not', null)]))
    .execute();
  const owner = new Map<string, string>();
  for (const p of people) {
    if (p.slack_id) owner.set(`slack:${p.slack_id}`, p.id);
    if (p.teams_id) owner.set(`teams:${p.teams_id}`, p.id);
  }
  if (owner.size === 0) return 0;
  let moved = 0;
  const targets = [
    ['cases', 'requester_id'],
    ['cases', 'assignee_id'],
    ['relationships', 'owner_id'],
    ['reviews', 'reviewer_id'],
  ] as const;
  for (const [table, column] of targets) {
    const rows = (await trx
      .selectFrom(table)
      .select(column)
      .distinct()
      .where((eb) => eb.or([eb(column, 'like', 'slack:%'), eb(column, 'like', 'teams:%')]))
      .execute()) as Array<Record<string, string | null>>;
    for (const r of rows) {
      const from = r[column];
      const to = from ? owner.get(from) : undefined;
      if (!from || !to) continue;
      const result = await trx
        // biome-ignore lint/suspicious/noExplicitAny: one statement for four table/column pairs.
        .updateTable(table as any)
        .set({ [column]: to })
        .where(column, '=', from)
        .executeTakeFirst();
      moved += Number(result.numUpdatedRows ?? 0);
    }
  }
  return moved;
}
