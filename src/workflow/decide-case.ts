// decide: approve, reject, ask for information or pass up, by the assignee or their delegate
// while they are away. One transaction writes the state change, the decision, the audit event and
// the outbox rows; the case version guards it (compare-and-set) and UNIQUE(case_id, version) on
// decisions backs that up, so two simultaneous clicks give one decision and one "already decided".
import type { Insertable, Transaction } from 'kysely';
import { dateIn } from '../domain/time.js';
import {
  authorizeDecision,
  type DecisionCommand,
  type Refusal,
} from '../domain/workflow/authorize-decision.js';
import type { CaseState } from '../domain/workflow/case-model.js';
import { transitionFor } from '../domain/workflow/case-transitions.js';
import { appendAudit } from '../store/audit-log.js';
import { getPerson, toSnapshot } from '../store/people-repo.js';
import type { Database, DecisionsTable } from '../store/schema.js';
import { type CaseRecord, caseFromRow } from './case-record.js';
import { notify } from './notifications.js';
import { registerRelationship } from './register-relationship.js';
import { openAtStep } from './submit-proposal.js';
import type { Actor, WorkflowDeps } from './workflow-deps.js';

export type DecideOutcome =
  | {
      ok: true;
      case: CaseRecord;
      action: 'approve' | 'endorse' | 'reject' | 'ask_info' | 'pass_up';
      onBehalfOf: string | null;
    }
  | { ok: false; refusal: Refusal; case: CaseRecord | null };

/** Thrown inside a transaction to roll it back when another writer won the race. */
export class ConflictError extends Error {
  readonly code = 'KOERS_CONFLICT';
}

export async function loadCaseForUpdate(
  deps: WorkflowDeps,
  trx: Transaction<Database>,
  caseId: number,
): Promise<CaseRecord | null> {
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

export async function decideCase(
  deps: WorkflowDeps,
  actor: Actor,
  command: DecisionCommand,
): Promise<DecideOutcome> {
  const strategy = deps.strategy();
  const now = deps.clock();
  const at = now.toISOString();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const c = await loadCaseForUpdate(deps, trx, command.caseId);
      const assigneeRow = c?.assigneeId ? await getPerson(trx, c.assigneeId) : undefined;
      const today = dateIn(now, strategy.file.digest.timezone);
      const auth = authorizeDecision(
        c,
        actor.personId,
        command,
        assigneeRow ? toSnapshot(assigneeRow) : null,
        today,
      );
      if (!auth.ok || c === null) {
        const refusal = auth.ok ? 'not_found' : auth.refusal;
        await recordAttempt(deps, trx, actor, command, refusal, at);
        return { ok: false as const, refusal, case: c };
      }
      const t = transitionFor(c, command);
      if (!t.ok) {
        await recordAttempt(deps, trx, actor, command, t.refusal, at);
        return { ok: false as const, refusal: t.refusal, case: c };
      }
      const reason = command.reason?.trim() || null;
      const stepRole = c.steps[c.step] ?? '';
      const decisionRow = {
        case_id: c.id,
        version: c.version,
        step: c.step,
        step_role: stepRole,
        decider_id: actor.personId,
        on_behalf_of: auth.onBehalfOf,
        action: t.action,
        reason,
        platform: actor.platform,
        at,
      };
      let newVersion: number;
      if (t.kind === 'final') {
        newVersion = await compareAndSet(trx, c, { state: t.state, closed_at: at }, at);
        await insertDecision(trx, decisionRow);
        if (t.action === 'approve') {
          await registerRelationship(
            trx,
            strategy,
            c.proposal,
            c.id,
            c.kind === 'exception' ? 'exception' : 'check',
            now,
          );
        }
        deps.fault?.('after_decision_write');
        await appendAudit(trx, deps.backend, {
          at,
          actorId: actor.personId,
          onBehalfOf: auth.onBehalfOf,
          action: t.action === 'approve' ? 'approved' : 'rejected',
          caseId: c.id,
          platform: actor.platform,
          data: { step: c.step, role: stepRole, reason },
        });
        const outcome =
          c.kind === 'exception'
            ? t.action === 'approve'
              ? 'exception_granted'
              : 'exception_refused'
            : t.action === 'approve'
              ? 'approved'
              : 'rejected';
        await notify(
          { trx, strategy, platforms: deps.platforms(), now: at, caseId: c.id, key: `v${newVersion}` },
          [
            { kind: 'case_update' },
            { kind: 'requester_update', to: c.requesterId, event: outcome },
            { kind: 'strategy_summary', outcome },
          ],
        );
      } else if (t.kind === 'move') {
        newVersion = await compareAndSet(trx, c, { step: t.toStep }, at);
        await insertDecision(trx, decisionRow);
        await appendAudit(trx, deps.backend, {
          at,
          actorId: actor.personId,
          onBehalfOf: auth.onBehalfOf,
          action: t.action === 'endorse' ? 'endorsed' : 'passed_up',
          caseId: c.id,
          platform: actor.platform,
          data: { fromStep: c.step, toStep: t.toStep, reason },
        });
        await openAtStep(
          deps,
          trx,
          strategy,
          c.id,
          actor,
          c.steps,
          t.toStep,
          newVersion,
          now,
          [
            { kind: 'case_update' },
            {
              kind: 'requester_update',
              to: c.requesterId,
              event: t.action === 'endorse' ? 'endorsed' : 'passed_up',
            },
          ],
          c.requesterId,
        );
      } else {
        newVersion = await compareAndSet(
          trx,
          c,
          { state: 'info_requested', info_question: reason, info_answer: null },
          at,
        );
        await insertDecision(trx, decisionRow);
        await appendAudit(trx, deps.backend, {
          at,
          actorId: actor.personId,
          onBehalfOf: auth.onBehalfOf,
          action: 'info_requested',
          caseId: c.id,
          platform: actor.platform,
          data: { step: c.step, question: reason },
        });
        await notify(
          { trx, strategy, platforms: deps.platforms(), now: at, caseId: c.id, key: `v${newVersion}` },
          [{ kind: 'case_update' }, { kind: 'requester_update', to: c.requesterId, event: 'info_requested' }],
        );
      }
      const after = await trx
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      return { ok: true as const, case: caseFromRow(after), action: t.action, onBehalfOf: auth.onBehalfOf };
    });
  } catch (err) {
    if (!isConflict(err)) throw err;
    // Another decision won the race: nothing of ours was written. Record the attempt.
    await deps.db
      .transaction()
      .execute((trx) => recordAttempt(deps, trx, actor, command, 'stale', at, 'conflict_lost'));
    const row = await deps.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', command.caseId)
      .executeTakeFirst();
    return { ok: false, refusal: 'stale', case: row ? caseFromRow(row) : null };
  }
}

async function insertDecision(trx: Transaction<Database>, row: Insertable<DecisionsTable>): Promise<void> {
  await trx.insertInto('decisions').values(row).execute();
}

export async function recordAttempt(
  deps: WorkflowDeps,
  trx: Transaction<Database>,
  actor: Actor,
  command: { action: string; caseId: number; step?: number; version?: number },
  refusal: Refusal,
  at: string,
  action = 'decision_refused',
): Promise<void> {
  await appendAudit(trx, deps.backend, {
    at,
    actorId: actor.personId,
    action,
    caseId: command.caseId,
    platform: actor.platform,
    data: {
      attempted: command.action,
      step: command.step ?? null,
      version: command.version ?? null,
      refusal,
    },
  });
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
