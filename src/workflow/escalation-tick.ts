// The escalation timers, for the scheduler to call: reminders, pass-up on silence, and an alert
// when a case waits at the last step. Idempotent: each effect is claimed once by its run key
// (`remind:case-123:step-2`) in the same transaction that enqueues it, on any number of instances.
import { dateIn } from '../domain/time.js';
import { isAbsent } from '../domain/workflow/authorize-decision.js';
import { timerActionFor } from '../domain/workflow/escalation-timers.js';
import { appendAudit } from '../store/audit-log.js';
import { openCasesAssignedBy } from '../store/case-repo.js';
import { getPerson, toSnapshot } from '../store/people-repo.js';
import { claimKey } from '../store/processed-events.js';
import { inUnitOfWork } from '../store/store-handle.js';
import { compareAndSet, isConflict, loadCaseForUpdate, recordDecision, SYSTEM } from './case-writes.js';
import { type Notification, notify } from './notifications.js';
import { openAtStep } from './submit-proposal.js';
import type { WorkflowDeps } from './workflow-deps.js';

export interface TimerReport {
  reminded: number[];
  passedUp: number[];
  alerted: number[];
}

export async function runEscalationTimers(deps: WorkflowDeps): Promise<TimerReport> {
  const strategy = deps.strategy();
  const now = deps.clock();
  const escalation = strategy.file.escalation;
  const earliest = new Date(
    now.getTime() - Math.min(escalation.remindAfterHours, escalation.passUpAfterHours) * 3_600_000,
  );
  const waiting = await openCasesAssignedBy(deps.db, earliest.toISOString());
  const report: TimerReport = { reminded: [], passedUp: [], alerted: [] };
  for (const seen of waiting) {
    const action = timerActionFor(seen, seen.assignedAt, now, escalation);
    if (action.kind === 'none') continue;
    try {
      const done = await inUnitOfWork(deps.db, async (trx) => {
        const c = await loadCaseForUpdate(deps, trx, seen.id);
        if (!c || c.version !== seen.version || c.state !== 'open') return false;
        const at = now.toISOString();
        if (action.kind === 'pass_up') {
          const version = await compareAndSet(trx, c, { step: action.toStep }, at);
          await recordDecision(trx, c, SYSTEM, 'pass_up_on_silence', at);
          await appendAudit(trx, deps.backend, {
            at,
            actorId: SYSTEM.personId,
            action: 'passed_up_on_silence',
            caseId: c.id,
            platform: 'system',
            data: { fromStep: c.step, toStep: action.toStep, waitedHours: escalation.passUpAfterHours },
          });
          await openAtStep(
            deps,
            trx,
            strategy,
            c.id,
            SYSTEM,
            c.steps,
            action.toStep,
            version,
            now,
            [{ kind: 'case_update' }, { kind: 'requester_update', to: c.requesterId, event: 'passed_up' }],
            c.requesterId,
          );
          return true;
        }
        if (!(await claimKey(trx, action.key, String(c.id), at))) return false;
        const notifications: Notification[] = [];
        if (action.kind === 'remind' && c.assigneeId) {
          notifications.push({ kind: 'reminder', to: c.assigneeId });
          const assignee = await getPerson(trx, c.assigneeId);
          if (
            assignee?.delegate_id &&
            assignee.delegate_id !== c.requesterId &&
            isAbsent(toSnapshot(assignee), dateIn(now, strategy.file.digest.timezone))
          ) {
            notifications.push({ kind: 'reminder', to: assignee.delegate_id, onBehalfOf: c.assigneeId });
          }
        } else if (action.kind === 'alert_stuck') {
          notifications.push({
            kind: 'alliance_alert',
            reason: 'stuck_at_last_step',
            detail: { step: c.step, role: c.steps[c.step] },
          });
        }
        await appendAudit(trx, deps.backend, {
          at,
          actorId: SYSTEM.personId,
          action: action.kind === 'remind' ? 'reminded' : 'alerted_stuck',
          caseId: c.id,
          platform: 'system',
          data: { step: c.step, key: action.key },
        });
        await notify(
          {
            tx: trx,
            strategy,
            platforms: deps.platforms(),
            now: at,
            caseId: c.id,
            key: action.key.split(':').pop() ?? action.key,
          },
          notifications,
        );
        return true;
      });
      if (done)
        (action.kind === 'pass_up'
          ? report.passedUp
          : action.kind === 'remind'
            ? report.reminded
            : report.alerted
        ).push(seen.id);
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
  }
  return report;
}
