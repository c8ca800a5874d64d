// The writes every case transition shares: read the case for update, move it to its next version
// only if nobody else did (compare-and-set), record the decision and the refused attempts, and tell
// the people concerned through the outbox. All inside the caller's transaction.
import type { Insertable, Transaction } from 'kysely';
import type { Proposal } from '../domain/check/proposal.js';
import type { Refusal } from '../domain/workflow/authorize-decision.js';
import { isStoredId } from '../domain/workflow/case-id.js';
import type { CaseKind, CaseState } from '../domain/workflow/case-model.js';
import { appendAudit } from '../store/audit-log.js';
import type { CasesTable, Database, DecisionsTable } from '../store/schema.js';
import { type CaseRecord, caseFromRow, type StoredResult } from './case-record.js';
import { type Notification, notify } from './notifications.js';
import { proposalColumns } from './proposal-columns.js';
import type { Actor, WorkflowDeps } from './workflow-deps.js';

/** Koers itself, acting on silence (pass-up, reminders) or on a platform's word (unreachable). */
export const SYSTEM: Actor = { personId: 'koers', platform: 'system' };

export interface NewCase {
  requesterId: string;
  requesterRole: string;
  kind: CaseKind;
  state: CaseState;
  proposal: Proposal;
  result: StoredResult;
  strategySha: string;
  steps: ReadonlyArray<string>;
  routeLength: number;
  platform: string;
  at: string;
  infoAnswer?: string | null;
  parentCaseId?: number | null;
  closedAt?: string | null;
}

/** A new case's row at version 1, step 0; the proposal's columns are copied for the digest's SQL. */
export function caseRow(n: NewCase): Insertable<CasesTable> {
  const p = n.proposal;
  return {
    requester_id: n.requesterId,
    requester_role: n.requesterRole,
    kind: n.kind,
    verdict: n.result.nl.verdict,
    state: n.state,
    proposal: JSON.stringify(p),
    result: JSON.stringify(n.result),
    strategy_sha: n.strategySha,
    steps: JSON.stringify(n.steps),
    route_length: n.routeLength,
    step: 0,
    assignee_id: null,
    assigned_at: null,
    version: 1,
    ...proposalColumns(p),
    confidential: p.confidential ? 1 : 0,
    platform: n.platform,
    info_question: null,
    info_answer: n.infoAnswer ?? null,
    parent_case_id: n.parentCaseId ?? null,
    created_at: n.at,
    updated_at: n.at,
    closed_at: n.closedAt ?? null,
  };
}

/** Inserts a case at version 1, step 0. */
export async function insertCase(trx: Transaction<Database>, n: NewCase): Promise<number> {
  const inserted = await trx.insertInto('cases').values(caseRow(n)).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Thrown inside a transaction to roll it back when another writer won the race. */
export class ConflictError extends Error {
  readonly code = 'KOERS_CONFLICT';
}

export async function loadCaseForUpdate(
  deps: WorkflowDeps,
  trx: Transaction<Database>,
  caseId: number,
): Promise<CaseRecord | null> {
  if (!isStoredId(caseId)) return null;
  let q = trx.selectFrom('cases').selectAll().where('id', '=', caseId);
  if (deps.backend === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? caseFromRow(row) : null;
}

/** Moves a case to its next version if nobody else did first; otherwise rolls back. */
export async function compareAndSet(
  trx: Transaction<Database>,
  c: CaseRecord,
  set: Partial<{
    state: CaseState;
    step: number;
    info_question: string | null;
    info_answer: string | null;
    closed_at: string | null;
  }>,
  at: string,
): Promise<number> {
  const result = await trx
    .updateTable('cases')
    .set({ ...set, version: c.version + 1, updated_at: at })
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .where('state', '=', c.state)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new ConflictError(`case ${c.id} changed under us`);
  return c.version + 1;
}

/** The decision taken on the case's current version and step (UNIQUE(case_id, version)). */
export async function recordDecision(
  trx: Transaction<Database>,
  c: CaseRecord,
  actor: Actor,
  action: DecisionsTable['action'],
  at: string,
  o: { onBehalfOf?: string | null; reason?: string | null } = {},
): Promise<void> {
  await trx
    .insertInto('decisions')
    .values({
      case_id: c.id,
      version: c.version,
      step: c.step,
      step_role: c.steps[c.step] ?? '',
      decider_id: actor.personId,
      on_behalf_of: o.onBehalfOf ?? null,
      action,
      reason: o.reason ?? null,
      platform: actor.platform,
      at,
    })
    .execute();
}

/** Outbox rows for a case's new version: repeating the transition enqueues nothing new. */
export async function notifyCase(
  deps: WorkflowDeps,
  trx: Transaction<Database>,
  caseId: number,
  version: number,
  at: string,
  notifications: ReadonlyArray<Notification>,
): Promise<void> {
  await notify(
    { trx, strategy: deps.strategy(), platforms: deps.platforms(), now: at, caseId, key: `v${version}` },
    notifications,
  );
  // A crash here is one inside the decision's transaction: nothing of it may be left.
  deps.fault?.('after_outbox_insert');
}

export async function recordAttempt(
  deps: WorkflowDeps,
  trx: Transaction<Database>,
  actor: Actor,
  command: { action: string; caseId: number | null; step?: number; version?: number },
  refusal: Refusal,
  at: string,
  action = 'decision_refused',
): Promise<void> {
  // An id no case can have (beyond the store's integer) is kept in the data, not the column.
  const stored = command.caseId !== null && isStoredId(command.caseId) ? command.caseId : null;
  await appendAudit(trx, deps.backend, {
    at,
    actorId: actor.personId,
    action,
    caseId: stored,
    platform: actor.platform,
    data: {
      attempted: command.action,
      step: command.step ?? null,
      version: command.version ?? null,
      refusal,
      ...(stored === null && command.caseId !== null ? { caseId: command.caseId } : {}),
    },
  });
}

/** A case action that named no case id at all ("3e0", "abc"): refused and recorded, nothing looked up. */
export function recordInvalidCaseId(deps: WorkflowDeps, actor: Actor, attempted: string): Promise<void> {
  const at = deps.clock().toISOString();
  return deps.db
    .transaction()
    .execute((trx) =>
      recordAttempt(deps, trx, actor, { action: attempted, caseId: null }, 'invalid_case_id', at),
    );
}

/** A lost compare-and-set, or a unique-key violation from a concurrent writer (SQLite or PostgreSQL). */
export function isConflict(err: unknown): boolean {
  if (err instanceof ConflictError) return true;
  const e = err as { code?: string; message?: string };
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e.code === '40001'
  );
}
