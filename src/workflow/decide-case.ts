// decide: approve, reject, ask for information or pass up, by the assignee or their delegate
// while they are away. One transaction writes the state change, the decision, the audit event and
// the outbox rows; the case version guards it (compare-and-set) and UNIQUE(case_id, version) on
// decisions backs that up, so two simultaneous clicks give one decision and one "already decided".
import { dateIn } from '../domain/time.js';
import {
  authorizeDecision,
  type DecisionCommand,
  type Refusal,
} from '../domain/workflow/authorize-decision.js';
import { transitionFor } from '../domain/workflow/case-transitions.js';
import { registerRelationship } from '../portfolio/register-relationship.js';
import { appendAudit } from '../store/audit-log.js';
import { findCase, readCase } from '../store/case-repo.js';
import { getPerson, toSnapshot } from '../store/people-repo.js';
import { inUnitOfWork } from '../store/store-handle.js';
import type { CaseRecord } from './case-record.js';
import {
  compareAndSet,
  isConflict,
  loadCaseForUpdate,
  notifyCase,
  recordAttempt,
  recordDecision,
} from './case-writes.js';
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

export async function decideCase(
  deps: WorkflowDeps,
  actor: Actor,
  command: DecisionCommand,
): Promise<DecideOutcome> {
  const strategy = deps.strategy();
  const now = deps.clock();
  const at = now.toISOString();
  try {
    const outcome = await inUnitOfWork(deps.db, async (trx) => {
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
      const decision = () =>
        recordDecision(trx, c, actor, t.action, at, { onBehalfOf: auth.onBehalfOf, reason });
      let newVersion: number;
      if (t.kind === 'final') {
        newVersion = await compareAndSet(trx, c, { state: t.state, closed_at: at }, at);
        await decision();
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
        await notifyCase(deps, trx, c.id, newVersion, at, [
          { kind: 'case_update' },
          { kind: 'requester_update', to: c.requesterId, event: outcome },
          { kind: 'strategy_summary', outcome },
        ]);
      } else if (t.kind === 'move') {
        newVersion = await compareAndSet(trx, c, { step: t.toStep }, at);
        await decision();
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
        await decision();
        await appendAudit(trx, deps.backend, {
          at,
          actorId: actor.personId,
          onBehalfOf: auth.onBehalfOf,
          action: 'info_requested',
          caseId: c.id,
          platform: actor.platform,
          data: { step: c.step, question: reason },
        });
        await notifyCase(deps, trx, c.id, newVersion, at, [
          { kind: 'case_update' },
          { kind: 'requester_update', to: c.requesterId, event: 'info_requested' },
        ]);
      }
      const after = await readCase(trx, c.id);
      return { ok: true as const, case: after, action: t.action, onBehalfOf: auth.onBehalfOf };
    });
    // Committed, and nobody told yet: the outbox rows are what tells them.
    if (outcome.ok) deps.fault?.('after_decision_commit');
    return outcome;
  } catch (err) {
    if (!isConflict(err)) throw err;
    // Another decision won the race: nothing of ours was written. Record the attempt.
    await inUnitOfWork(deps.db, (trx) =>
      recordAttempt(deps, trx, actor, command, 'stale', at, 'conflict_lost'),
    );
    return { ok: false, refusal: 'stale', case: await findCase(deps.db, command.caseId) };
  }
}
