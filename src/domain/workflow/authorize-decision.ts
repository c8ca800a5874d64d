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

/**
 * The refusals that need only the case and the card: gone, decided, changed since the card, or the
 * decider's own. A decision that asks for a reason first is refused so before the reason is asked
 * (asking for a reason and then saying the case was decided long ago wastes the person's words).
 */
export function refusalOnSight(
  c: CaseSnapshot | null,
  actorId: string,
  card: Pick<DecisionCommand, 'step' | 'version'>,
): Refusal | null {
  if (c === null) return 'not_found';
  if (!OPEN_STATES.has(c.state)) return 'closed';
  if (c.step !== card.step || c.version !== card.version) return 'stale';
  if (c.state !== 'open') return 'stale';
  // Nobody decides their own case: not as assignee, not as someone's delegate.
  if (actorId === c.requesterId) return 'own_case';
  return null;
}

export function authorizeDecision(
  c: CaseSnapshot | null,
  actorId: string,
  command: DecisionCommand,
  assignee: PersonSnapshot | null,
  today: string,
): Authorization {
  const seen = refusalOnSight(c, actorId, command);
  if (seen !== null || c === null) return { ok: false, refusal: seen ?? 'not_found' };
  if (c.assigneeId !== null && actorId === c.assigneeId) return { ok: true, onBehalfOf: null };
  if (assignee !== null && assignee.delegateId === actorId && isAbsent(assignee, today)) {
    return { ok: true, onBehalfOf: assignee.id };
  }
  return { ok: false, refusal: 'not_assignee' };
}
