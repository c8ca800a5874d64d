// What the requester can do with their own case: answer a question, withdraw it, or ask for an
// exception to an advice against (which goes to the last step of the line: that step decides
// exceptions whatever the mandates say).
import type { Refusal } from '../domain/workflow/authorize-decision.js';
import { appendAudit } from '../store/audit-log.js';
import { findCase, readCase, restartAssignment } from '../store/case-repo.js';
import { inUnitOfWork, type Tx } from '../store/store-handle.js';
import type { CaseRecord } from './case-record.js';
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
  apply: (c: CaseRecord, trx: Tx, at: string) => Promise<number>,
): Promise<RequesterOutcome> {
  const at = deps.clock().toISOString();
  try {
    return await inUnitOfWork(deps.db, async (trx) => {
      const c = await loadCaseForUpdate(deps, trx, caseId);
      const refusal: Refusal | null =
        c === null ? 'not_found' : c.requesterId !== actor.personId ? 'not_requester' : allowed(c);
      if (refusal !== null || c === null) {
        await recordAttempt(deps, trx, actor, { action, caseId }, refusal ?? 'not_found', at);
        return { ok: false as const, refusal: refusal ?? 'not_found', case: c };
      }
      const resultId = await apply(c, trx, at);
      return { ok: true as const, case: await readCase(trx, resultId) };
    });
  } catch (err) {
    if (!isConflict(err)) throw err;
    return { ok: false, refusal: 'stale', case: await findCase(deps.db, caseId) };
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
      await restartAssignment(trx, c.id, at);
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
