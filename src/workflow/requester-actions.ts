// What the requester can do with their own case: answer a question, withdraw it, or ask for an
// exception to an advice against (which goes to the last step of the line: that step decides
// exceptions whatever the mandates say).
import type { Transaction } from 'kysely';
import { partnerKey } from '../domain/portfolio/partner-key.js';
import type { Refusal } from '../domain/workflow/authorize-decision.js';
import { appendAudit } from '../store/audit-log.js';
import type { Database } from '../store/schema.js';
import { type CaseRecord, caseFromRow } from './case-record.js';
import { compareAndSet, isConflict, loadCaseForUpdate, recordAttempt } from './decide-case.js';
import { notify } from './notifications.js';
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
      await notify(
        {
          trx,
          strategy: deps.strategy(),
          platforms: deps.platforms(),
          now: at,
          caseId: c.id,
          key: `v${version}`,
        },
        notifications,
      );
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
      await trx
        .insertInto('decisions')
        .values({
          case_id: c.id,
          version: c.version,
          step: c.step,
          step_role: c.steps[c.step] ?? '',
          decider_id: actor.personId,
          on_behalf_of: null,
          action: 'withdraw',
          reason: null,
          platform: actor.platform,
          at,
        })
        .execute();
      await appendAudit(trx, deps.backend, {
        at,
        actorId: actor.personId,
        action: 'withdrawn',
        caseId: c.id,
        platform: actor.platform,
        data: { step: c.step },
      });
      await notify(
        {
          trx,
          strategy: deps.strategy(),
          platforms: deps.platforms(),
          now: at,
          caseId: c.id,
          key: `v${version}`,
        },
        [{ kind: 'case_update' }],
      );
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
      const inserted = await trx
        .insertInto('cases')
        .values({
          requester_id: c.requesterId,
          requester_role: c.requesterRole,
          kind: 'exception',
          verdict: c.verdict,
          state: 'open',
          proposal: JSON.stringify(c.proposal),
          result: JSON.stringify(c.result),
          strategy_sha: c.strategySha,
          steps: JSON.stringify(steps),
          route_length: steps.length,
          step: 0,
          assignee_id: null,
          assigned_at: null,
          version: 1,
          partner: c.proposal.partner.name,
          partner_key: partnerKey(c.proposal.partner.name),
          partner_type: c.proposal.partner.type,
          priority: c.proposal.priority,
          intensity: c.proposal.intensity,
          budget: c.proposal.budget ?? 0,
          months: c.proposal.months ?? 0,
          confidential: c.confidential ? 1 : 0,
          platform: actor.platform,
          info_question: null,
          info_answer: note?.trim() || null,
          parent_case_id: c.id,
          created_at: at,
          updated_at: at,
          closed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const exceptionId = Number(inserted.id);
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
