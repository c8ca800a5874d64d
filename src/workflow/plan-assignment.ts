// Who an open case goes to at a step, and what that writes: the case's step and assignee, the
// audit entry, and the notifications (the assignee, their delegate while they are away, the
// alliance team when a step has nobody). Pure: the people and their open cases are read first.
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { dateIn } from '../domain/time.js';
import { isAbsent } from '../domain/workflow/authorize-decision.js';
import type { PersonSnapshot } from '../domain/workflow/case-model.js';
import { chooseAssignee } from '../domain/workflow/choose-assignee.js';
import type { AuditEntry } from '../store/audit-log.js';
import type { Notification } from './notifications.js';
import type { Actor } from './workflow-deps.js';

export interface AssignmentPlan {
  /** The step the case is at: the one taken, or `fromStep` when nobody holds any. */
  step: number;
  assigneeId: string | null;
  /** The step taken, or null when nobody holds any of the remaining steps. */
  taken: number | null;
  audit: AuditEntry;
  notifications: Notification[];
}

export interface AssignmentInput {
  strategy: Strategy;
  caseId: number;
  actor: Actor;
  steps: ReadonlyArray<string>;
  fromStep: number;
  now: Date;
  /** The holders of the steps' roles and the requester's reports-to chain. */
  people: ReadonlyMap<string, PersonSnapshot>;
  openCases: (personId: string) => number;
  requesterId: string;
  extra?: ReadonlyArray<Notification>;
}

export function planAssignment(a: AssignmentInput): AssignmentPlan {
  const choice = chooseAssignee(a.steps, a.fromStep, a.requesterId, a.people, a.openCases);
  const step = choice.step ?? a.fromStep;
  const assigneeId = choice.step === null ? null : choice.assigneeId;
  const audit: AuditEntry = {
    at: a.now.toISOString(),
    actorId: a.actor.personId,
    action: 'assigned',
    caseId: a.caseId,
    platform: a.actor.platform,
    data: { step, role: a.steps[step] ?? null, assignee: assigneeId, skippedSteps: choice.skippedSteps },
  };
  const notifications: Notification[] = [...(a.extra ?? [])];
  if (assigneeId !== null) {
    notifications.push({ kind: 'approval_request', to: assigneeId });
    const assignee = a.people.get(assigneeId);
    const today = dateIn(a.now, a.strategy.file.digest.timezone);
    if (assignee?.delegateId && assignee.delegateId !== a.requesterId && isAbsent(assignee, today)) {
      notifications.push({ kind: 'approval_request', to: assignee.delegateId, onBehalfOf: assigneeId });
    }
  }
  if (choice.skippedSteps.length > 0 || assigneeId === null) {
    notifications.push({
      kind: 'alliance_alert',
      reason: assigneeId === null ? 'no_holder' : 'step_skipped',
      detail: { roles: choice.skippedSteps.map((s) => a.steps[s]) },
    });
  }
  return { step, assigneeId, taken: choice.step, audit, notifications };
}
