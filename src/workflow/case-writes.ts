// The writes every case transition shares: read the case for update, move it to its next version
// only if nobody else did (compare-and-set), record the decision and the refused attempts, and tell
// the people concerned through the outbox. All inside the caller's unit of work.
import type { Refusal } from '../domain/workflow/authorize-decision.js';
import { isStoredId } from '../domain/workflow/case-id.js';
import { appendAudit } from '../store/audit-log.js';
import type { CaseRecord } from '../store/case-record.js';
import {
  ConflictError,
  type DecisionAction,
  recordDecision as insertDecision,
  lockCase,
} from '../store/case-repo.js';
import { inUnitOfWork, type Tx } from '../store/store-handle.js';
import { type Notification, notify } from './notifications.js';
import type { Actor, WorkflowDeps } from './workflow-deps.js';

export { ConflictError, compareAndSet, insertCase, type NewCase } from '../store/case-repo.js';

/** Koers itself, acting on silence (pass-up, reminders) or on a platform's word (unreachable). */
export const SYSTEM: Actor = { personId: 'koers', platform: 'system' };

export async function loadCaseForUpdate(
  deps: WorkflowDeps,
  tx: Tx,
  caseId: number,
): Promise<CaseRecord | null> {
  if (!isStoredId(caseId)) return null;
  return lockCase(tx, deps.backend, caseId);
}

/** The decision taken on the case's current version and step (UNIQUE(case_id, version)). */
export function recordDecision(
  tx: Tx,
  c: CaseRecord,
  actor: Actor,
  action: DecisionAction,
  at: string,
  o: { onBehalfOf?: string | null; reason?: string | null } = {},
): Promise<void> {
  return insertDecision(tx, c, {
    deciderId: actor.personId,
    platform: actor.platform,
    action,
    at,
    onBehalfOf: o.onBehalfOf ?? null,
    reason: o.reason ?? null,
  });
}

/** Outbox rows for a case's new version: repeating the transition enqueues nothing new. */
export async function notifyCase(
  deps: WorkflowDeps,
  tx: Tx,
  caseId: number,
  version: number,
  at: string,
  notifications: ReadonlyArray<Notification>,
): Promise<void> {
  await notify(
    { tx, strategy: deps.strategy(), platforms: deps.platforms(), now: at, caseId, key: `v${version}` },
    notifications,
  );
  // A crash here is one inside the decision's transaction: nothing of it may be left.
  deps.fault?.('after_outbox_insert');
}

export async function recordAttempt(
  deps: WorkflowDeps,
  tx: Tx,
  actor: Actor,
  command: { action: string; caseId: number | null; step?: number; version?: number },
  refusal: Refusal,
  at: string,
  action = 'decision_refused',
): Promise<void> {
  // An id no case can have (beyond the store's integer) is kept in the data, not the column.
  const stored = command.caseId !== null && isStoredId(command.caseId) ? command.caseId : null;
  await appendAudit(tx, deps.backend, {
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
  return inUnitOfWork(deps.db, (tx) =>
    recordAttempt(deps, tx, actor, { action: attempted, caseId: null }, 'invalid_case_id', at),
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
