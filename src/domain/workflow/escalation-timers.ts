// Silence on the decision line: a reminder after remindAfterHours, a pass-up after
// passUpAfterHours. Nothing is ever decided by silence: at the last step the case stays and the
// alliance team is alerted.
import type { CaseSnapshot } from './case-model.js';

export type TimerAction =
  | { kind: 'remind'; key: string }
  | { kind: 'pass_up'; toStep: number }
  | { kind: 'alert_stuck'; key: string }
  | { kind: 'none' };

const HOUR_MS = 3_600_000;

export function timerActionFor(
  c: CaseSnapshot,
  assignedAt: string | null,
  now: Date,
  escalation: { remindAfterHours: number; passUpAfterHours: number },
): TimerAction {
  if (c.state !== 'open' || assignedAt === null) return { kind: 'none' };
  const waitedMs = now.getTime() - Date.parse(assignedAt);
  if (waitedMs >= escalation.passUpAfterHours * HOUR_MS) {
    if (c.step + 1 < c.steps.length) return { kind: 'pass_up', toStep: c.step + 1 };
    return { kind: 'alert_stuck', key: `stuck:case-${c.id}:step-${c.step}` };
  }
  if (waitedMs >= escalation.remindAfterHours * HOUR_MS)
    return { kind: 'remind', key: `remind:case-${c.id}:step-${c.step}` };
  return { kind: 'none' };
}
