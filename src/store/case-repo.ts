// The cases and their decisions as the workflow writes them: a new case, a case read and locked
// for its transition, the compare-and-set that moves it to its next version only if nobody else
// did, its assignment, and the decision taken on a version. Writes run in the caller's unit of work.
import type { Insertable } from 'kysely';
import type { Proposal } from '../domain/check/proposal.js';
import type { CaseKind, CaseState } from '../domain/workflow/case-model.js';
import type { Backend } from './backend.js';
import { type CaseRecord, caseFromRow, type StoredResult } from './case-record.js';
import { proposalColumns } from './proposal-columns.js';
import type { CasesTable } from './schema.js';
import { type Db, sqlOf, type Tx, trxOf } from './store-handle.js';

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

/** What a decision records. */
export type DecisionAction =
  | 'approve'
  | 'endorse'
  | 'reject'
  | 'ask_info'
  | 'pass_up'
  | 'withdraw'
  | 'answer_info'
  | 'pass_up_on_silence';

/** The columns a transition may change (beside its version and time). */
export type CaseChange = Partial<{
  state: CaseState;
  step: number;
  info_question: string | null;
  info_answer: string | null;
  closed_at: string | null;
}>;

/** Thrown inside a transaction to roll it back when another writer won the race. */
export class ConflictError extends Error {
  readonly code = 'KOERS_CONFLICT';
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
export async function insertCase(tx: Tx, n: NewCase): Promise<number> {
  const inserted = await trxOf(tx)
    .insertInto('cases')
    .values(caseRow(n))
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** The case, locked until the unit of work ends (PostgreSQL; SQLite's writer is alone). */
export async function lockCase(tx: Tx, backend: Backend, caseId: number): Promise<CaseRecord | null> {
  let q = trxOf(tx).selectFrom('cases').selectAll().where('id', '=', caseId);
  if (backend === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? caseFromRow(row) : null;
}

/** The case as it is now, or null. */
export async function findCase(db: Db, caseId: number): Promise<CaseRecord | null> {
  const row = await sqlOf(db).selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  return row ? caseFromRow(row) : null;
}

/** The case as it is now; one that must be there (it throws when it is not). */
export async function readCase(db: Db, caseId: number): Promise<CaseRecord> {
  const row = await sqlOf(db)
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return caseFromRow(row);
}

/** Moves a case to its next version if nobody else did first; otherwise rolls back. */
export async function compareAndSet(tx: Tx, c: CaseRecord, set: CaseChange, at: string): Promise<number> {
  const result = await trxOf(tx)
    .updateTable('cases')
    .set({ ...set, version: c.version + 1, updated_at: at })
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .where('state', '=', c.state)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new ConflictError(`case ${c.id} changed under us`);
  return c.version + 1;
}

/** Puts a case at a step with its assignee (null: nobody holds it). */
export async function assignCase(
  tx: Tx,
  caseId: number,
  step: number,
  assigneeId: string | null,
  at: string,
): Promise<void> {
  await trxOf(tx)
    .updateTable('cases')
    .set({ step, assignee_id: assigneeId, assigned_at: at, updated_at: at })
    .where('id', '=', caseId)
    .execute();
}

/** Starts the assignee's waiting time anew (the requester answered a question). */
export async function restartAssignment(tx: Tx, caseId: number, at: string): Promise<void> {
  await trxOf(tx).updateTable('cases').set({ assigned_at: at }).where('id', '=', caseId).execute();
}

/** The decision taken on the case's current version and step (UNIQUE(case_id, version)). */
export async function recordDecision(
  tx: Tx,
  c: CaseRecord,
  d: {
    deciderId: string;
    platform: string;
    action: DecisionAction;
    at: string;
    onBehalfOf?: string | null;
    reason?: string | null;
  },
): Promise<void> {
  await trxOf(tx)
    .insertInto('decisions')
    .values({
      case_id: c.id,
      version: c.version,
      step: c.step,
      step_role: c.steps[c.step] ?? '',
      decider_id: d.deciderId,
      on_behalf_of: d.onBehalfOf ?? null,
      action: d.action,
      reason: d.reason ?? null,
      platform: d.platform,
      at: d.at,
    })
    .execute();
}

/** Open cases assigned at or before `assignedBy` (the escalation timers' candidates), by id. */
export async function openCasesAssignedBy(db: Db, assignedBy: string): Promise<CaseRecord[]> {
  const rows = await sqlOf(db)
    .selectFrom('cases')
    .selectAll()
    .where('state', '=', 'open')
    .where('assigned_at', '<=', assignedBy)
    .orderBy('id')
    .execute();
  return rows.map(caseFromRow);
}

/** The open cases (open or waiting for information) a person holds. */
export async function casesHeldBy(db: Db, personId: string): Promise<CaseRecord[]> {
  const rows = await sqlOf(db)
    .selectFrom('cases')
    .selectAll()
    .where('assignee_id', '=', personId)
    .where('state', 'in', ['open', 'info_requested'])
    .execute();
  return rows.map(caseFromRow);
}
