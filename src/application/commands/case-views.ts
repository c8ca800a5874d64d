// A case shown to the person in a turn: with its decision buttons only for the one who may decide
// it, never a confidential case to someone with no part in it; the answer to a refused action
// (with the case as it is now, where they may see it), and the `show_case` action.
import type { ActionPayload, View } from '../../conversation/index.js';
import type { Refusal } from '../../domain/workflow/authorize-decision.js';
import { mayViewCase, type ViewerPart } from '../../domain/workflow/may-view-case.js';
import { tookPartIn } from '../../store/case-reads.js';
import type { CaseRecord } from '../../workflow/case-record.js';
import { caseWaitsFor } from '../../workflow/read-cases.js';
import { actorOf, type ChatResponse, type Session } from '../chat-session.js';
import { chatText } from '../chat-texts.js';
import { caseViewForReader } from '../reader-case-view.js';

/** The case as this person should see it: with decision buttons only for the one who may decide. */
export function viewOfCaseFor(s: Session, c: CaseRecord): Promise<View> {
  return caseViewForReader(
    s.deps.db,
    s.strategy,
    s.deps.clock(),
    c,
    s.person.id,
    s.person.locale,
    undefined,
    s.person.timeZone,
  );
}

export async function refused(
  s: Session,
  refusal: Refusal,
  caseId: number,
  known?: CaseRecord | null,
): Promise<ChatResponse> {
  const message = chatText(s.person.locale, `refused_${refusal}`);
  const c = known !== undefined ? known : await s.deps.workflow.getCase(caseId);
  if (!c || !(await mayView(s, c))) return { views: [message] };
  return { views: [message], replace: await viewOfCaseFor(s, c) };
}

/** Who may see a case (see mayViewCase): the facts the rule asks about are read when it asks. */
export async function mayView(s: Session, c: CaseRecord): Promise<boolean> {
  const me = s.person.id;
  const part: ViewerPart = {};
  for (;;) {
    const answer = mayViewCase(c, me, part);
    if (typeof answer === 'boolean') return answer;
    if (answer === 'tookPart') part.tookPart = await tookPartIn(s.deps.db, c.id, me);
    else
      part.waitsFor = await caseWaitsFor(s.deps.db, c, me, s.deps.clock(), s.strategy.file.digest.timezone);
  }
}

export async function showCase(
  s: Session,
  action: Extract<ActionPayload, { type: 'show_case' }>,
): Promise<ChatResponse> {
  const c = await s.deps.workflow.getCase(Number(action.caseId));
  // A case id in a crafted action must not show someone else's (confidential) case.
  if (!c || !(await mayView(s, c))) return { views: [chatText(s.person.locale, 'refused_not_found')] };
  return { views: [await viewOfCaseFor(s, c)] };
}

export async function invalidCaseId(
  s: Session,
  action: Extract<ActionPayload, { type: 'invalid_case_id' }>,
): Promise<ChatResponse> {
  // Looking at a case records nothing; every other case action is a refused attempt.
  if (action.attempted !== 'show_case') {
    await s.deps.workflow.refuseInvalidCaseId(actorOf(s), action.attempted);
    s.deps.onDecision?.({ ok: false, refusal: 'invalid_case_id' });
  }
  return { views: [chatText(s.person.locale, 'refused_invalid_case_id')] };
}
