// What the requester does with their own case: ask for an exception on an advice against it,
// withdraw it, and answer the question a decider asked (in a form, or as the next message).
import { type ActionPayload, answerInfoFormView, caseView, readFormText } from '../../conversation/index.js';
import { nameOfPerson } from '../../store/chat-person-repo.js';
import { caseSummaryOf } from '../case-summary-of.js';
import { actorOf, type ChatResponse, type Session, save, vcOf } from '../chat-session.js';
import { chatText } from '../chat-texts.js';
import { refused } from './case-views.js';

export async function requestException(
  s: Session,
  action: Extract<ActionPayload, { type: 'request_exception' }>,
): Promise<ChatResponse> {
  const id = Number(action.caseId);
  const out = await s.deps.workflow.requestException(actorOf(s), id);
  if (!out.ok) return refused(s, out.refusal, id, out.case);
  const vc = vcOf(s);
  return {
    views: [chatText(s.person.locale, 'exceptionSent', await assigneeName(s, out.case.assigneeId))],
    replace: caseView(vc, await caseSummaryOf(s.deps.db, s.strategy, out.case, s.person.locale)),
  };
}

export async function withdraw(
  s: Session,
  action: Extract<ActionPayload, { type: 'withdraw' }>,
): Promise<ChatResponse> {
  const id = Number(action.caseId);
  const out = await s.deps.workflow.withdraw(actorOf(s), id);
  if (!out.ok) return refused(s, out.refusal, id, out.case);
  return {
    views: [chatText(s.person.locale, 'withdrawn')],
    replace: caseView(vcOf(s), await caseSummaryOf(s.deps.db, s.strategy, out.case, s.person.locale)),
  };
}

/** The answer button: with the answer filled in it is sent; else its form (the next message answers too). */
export async function answerInfoAction(
  s: Session,
  action: Extract<ActionPayload, { type: 'answer_info' }>,
  values: Record<string, unknown>,
): Promise<ChatResponse> {
  const id = Number(action.caseId);
  const text = readFormText(vcOf(s), values, 'answer');
  if (text.ok) return answer(s, id, text.text);
  const c = await s.deps.workflow.getCase(id);
  if (!c || c.requesterId !== s.person.id) return refused(s, c ? 'not_requester' : 'not_found', id);
  await save(s, { kind: 'answer_info', caseId: id });
  return {
    views: [],
    form: answerInfoFormView(vcOf(s), await caseSummaryOf(s.deps.db, s.strategy, c, s.person.locale)),
  };
}

/** Sends the requester's answer to the decider's question. */
export async function answer(s: Session, caseId: number, text: string): Promise<ChatResponse> {
  const out = await s.deps.workflow.answerInfo(actorOf(s), caseId, text);
  if (s.state?.kind === 'answer_info') await save(s, null);
  if (!out.ok) return refused(s, out.refusal, caseId, out.case);
  return { views: [chatText(s.person.locale, 'answerSent')] };
}

async function assigneeName(s: Session, id: string | null): Promise<string> {
  if (!id) return '';
  return (await nameOfPerson(s.deps.db, id)) ?? id;
}
