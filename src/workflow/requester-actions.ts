// What the requester can do with their own case: answer a question, withdraw it, or ask for an
// exception to an advice against (which goes to the last step of the line: that step decides
// exceptions whatever the mandates say).
import type { Transaction } from 'kysely';
import type { Refusal } from '../domain/workflow/authorize-decision.js';
import { appendAudit } from '../store/audit-log.js';
import type { Database } from '../store/schema.js';
import { type CaseRecord, caseFromRow } from './case-record.js';
import {
  compareAndSet,
  insertCase,
  isConflict,
  loadCaseForUpdate,
  notifyCase,
  recordAttempt,
  recordDecision,
} from './case-writes.js';
import { openAtStep } from './submit-proposal.js';
import type { Actor, WorkflowDeps } from './workflow-deps.js';

export type RequesterOutcome =
  | { ok: true; case: CaseRecord }
  | { ok: false; refusal: Refusal; case: CaseRecord | null };

async function asRequester(
  deps: WorkflowDeps,
  actor: Actor,
  caseId: number,
  action: string,
  allowed: (c: CaseRecord) => Refusal | null,
  apply: (c: CaseRecord, trx: Transaction<Database>, at: string) => Promise<number>,
): Promise<RequesterOutcome> {
  const at = deps.clock().toISOString();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const c = await loadCaseForUpdate(deps, trx, caseId);
      const refusal: Refusal | null =
        c === null ? 'not_found' : c.requesterId !== actor.personId ? 'not_requester' : allowed(c);
      if (refusal !== null || c === null) {
        await recordAttempt(deps, trx, actor, { action, caseId }, refusal ?? 'not_found', at);
        return { ok: false as const, refusal: refusal ?? 'not_found', case: c };
      }
      const resultId = await apply(c, trx, at);
      const row = await trx
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', resultId)
        .executeTakeFirstOrThrow();
      return { ok: true as const, case: caseFromRow(row) };
    });
  } catch (err) {
    if (!isConflict(err)) throw err;
    const row = await deps.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
    return { ok: false, refusal: 'stale', case: row ? caseFromRow(row) : null };
  }
}

export function answerInfo(
  deps: WorkflowDeps,
  actor: Actor,
  caseId: number,
  answer: string,
): Promise<RequesterOutcome> {
  return asRequester(
    deps,
    actor,
    caseId,
    'answer_info',
    (c) =>
      c.state === 'info_requested'
        ? answer.trim() === ''
          ? 'reason_required'
          : null
        : 'not_waiting_for_info',
    async (c, trx, at) => {
      const version = await compareAndSet(trx, c, { state: 'open', info_answer: answer.trim() }, at);
      await trx.updateTable('cases').set({ assigned_at: at }).where('id', '=', c.id).execute();
      await appendAudit(trx, deps.backend, {
        at,
        actorId: actor.personId,
        action: 'info_answered',
        caseId: c.id,
        platform: actor.platform,
        data: { step: c.step },
      });
      const notifications = c.assigneeId
        ? [{ kind: 'case_update' as const }, { kind: 'approval_request' as const, to: c.assigneeId }]
        : [{ kind: 'case_update' as const }];
      await notifyCase(deps, trx, c.id, version, at, notifications);
      return c.id;
    },
  );
}

export function withdrawCase(deps: WorkflowDeps, actor: Actor, caseId: number): Promise<RequesterOutcome> {
  return asRequester(
    deps,
    actor,
    caseId,
    'withdraw',
    (c) => (c.state === 'open' || c.state === 'info_requested' ? null : 'closed'),
    async (c, trx, at) => {
      const version = await compareAndSet(trx, c, { state: 'withdrawn', closed_at: at }, at);
      await recordDecision(trx, c, actor, 'withdraw', at);
      await appendAudit(trx, deps.backend, {
        at,
        actorId: actor.personId,
        action: 'withdrawn',
        caseId: c.id,
        platform: actor.platform,
        data: { step: c.step },
      });
      await notifyCase(deps, trx, c.id, version, at, [{ kind: 'case_update' }]);
      return c.id;
    },
  );
}

export function requestException(
  deps: WorkflowDeps,
  actor: Actor,
  caseId: number,
  note?: string,
): Promise<RequesterOutcome> {
  return asRequester(
    deps,
    actor,
    caseId,
    'request_exception',
    (c) =>
      c.state === 'advised_against'
        ? null
        : c.state === 'exception_requested'
          ? 'exception_exists'
          : 'not_advised_against',
    async (c, trx, at) => {
      await compareAndSet(trx, c, { state: 'exception_requested' }, at);
      const now = deps.clock();
      const steps = c.steps.length > 0 ? c.steps : c.result.nl.route;
      const exceptionId = await insertCase(trx, {
        requesterId: c.requesterId,
        requesterRole: c.requesterRole,
        kind: 'exception',
        state: 'open',
        proposal: c.proposal,
        result: c.result,
        strategySha: c.strategySha,
        steps,
        routeLength: steps.length,
        platform: actor.platform,
        at,
        infoAnswer: note?.trim() || null,
        parentCaseId: c.id,
      });
      await appendAudit(trx, deps.backend, {
        at,
        actorId: actor.personId,
        action: 'exception_requested',
        caseId: exceptionId,
        platform: actor.platform,
        data: { parentCase: c.id, note: note?.trim() || null },
      });
      await openAtStep(deps, trx, deps.strategy(), exceptionId, actor, steps, 0, 1, now);
      return exceptionId;
    },
  );
}
