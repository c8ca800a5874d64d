// Who may decide a case, as pure rules. Eligibility is derived from the stored case and the
// people directory, never from what a button or card says.
import type { CaseSnapshot, DecisionAction, PersonSnapshot } from './case-model.js';
import { OPEN_STATES } from './case-model.js';

export type Refusal =
  | 'not_found'
  /** What was given as a case id is not one (CASE_ID_PATTERN). */
  | 'invalid_case_id'
  | 'closed'
  | 'stale'
  | 'own_case'
  | 'not_assignee'
  | 'reason_required'
  | 'no_higher_step'
  | 'not_requester'
  | 'not_waiting_for_info'
  | 'not_advised_against'
  | 'exception_exists';

export interface DecisionCommand {
  action: DecisionAction;
  caseId: number;
  /** The step and version the decider saw (from the card): a stale card is refused. */
  step: number;
  version: number;
  reason?: string;
}

export type Authorization = { ok: true; onBehalfOf: string | null } | { ok: false; refusal: Refusal };

/** Is the person absent on `date` (YYYY-MM-DD, in the organisation's time zone)? Both ends inclusive. */
export function isAbsent(p: Pick<PersonSnapshot, 'absentFrom' | 'absentUntil'>, date: string): boolean {
  // No end (automatic replies switched on without a window): away until they are switched off.
  return p.absentFrom !== null && p.absentFrom <= date && (p.absentUntil === null || date <= p.absentUntil);
}

export function authorizeDecision(
  c: CaseSnapshot | null,
  actorId: string,
  command: DecisionCommand,
  assignee: PersonSnapshot | null,
  today: string,
): Authorization {
  if (c === null) return { ok: false, refusal: 'not_found' };
  if (!OPEN_STATES.has(c.state)) return { ok: false, refusal: 'closed' };
  if (c.step !== command.step || c.version !== command.version) return { ok: false, refusal: 'stale' };
  if (c.state !== 'open') return { ok: false, refusal: 'stale' };
  // Nobody decides their own case: not as assignee, not as someone's delegate.
  if (actorId === c.requesterId) return { ok: false, refusal: 'own_case' };
  if (c.assigneeId !== null && actorId === c.assigneeId) return { ok: true, onBehalfOf: null };
  if (assignee !== null && assignee.delegateId === actorId && isAbsent(assignee, today)) {
    return { ok: true, onBehalfOf: assignee.id };
  }
  return { ok: false, refusal: 'not_assignee' };
}
