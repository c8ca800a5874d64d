// A decision on a case from its buttons (approve, endorse, pass up, reject, ask for information):
// a reject or a question first asks its text (a form, or the next message), then the workflow
// decides and authorises it; a case already decided, changed since the card, or the clicker's own
// is refused at once, before any text is asked. The answer says what happened and shows the case as it is now.

import {
  type ActionPayload,
  decisionFormView,
  holderOf,
  noticeView,
  readFormText,
} from '../../conversation/index.js';
import { textsOf } from '../../domain/texts/catalogue.js';
import { refusalOnSight } from '../../domain/workflow/authorize-decision.js';
import { caseRouteOf } from '../case-route-of.js';
import { caseSummaryOf } from '../case-summary-of.js';
import { actorOf, type ChatResponse, type Session, save, vcOf } from '../chat-session.js';
import { chatText } from '../chat-texts.js';
import { refused, viewOfCaseFor } from './case-views.js';

export type DecideAction = Extract<ActionPayload, { type: 'decide' }>;

/** `typed`: the reason or question given as a message (the conversation waited for it). */
export async function decide(
  s: Session,
  action: DecideAction,
  typed?: string,
  values: Record<string, unknown> = {},
): Promise<ChatResponse> {
  const caseId = Number(action.caseId);
  let reason: string | undefined = typed;
  if (reason === undefined && (action.decision === 'reject' || action.decision === 'ask_info')) {
    const field = action.decision === 'reject' ? 'reason' : 'question';
    const read = readFormText(vcOf(s), values, field);
    if (!read.ok) {
      // Ask for the reason first; the decision itself is taken (and authorised) when it comes.
      const c = await s.deps.workflow.getCase(caseId);
      if (!c) return refused(s, 'not_found', caseId);
      const seen = refusalOnSight(c, s.person.id, action);
      if (seen) return refused(s, seen, caseId, c);
      await save(s, {
        kind: 'decision_text',
        caseId,
        step: action.step,
        version: action.version,
        decision: action.decision,
      });
      const summary = await caseSummaryOf(s.deps.db, s.strategy, c, s.person.locale, [], {
        readerId: s.person.id,
      });
      return {
        views: [],
        form: decisionFormView(
          vcOf(s),
          summary,
          action.decision,
          Object.keys(values).length > 0 ? read.error : undefined,
        ),
      };
    }
    reason = read.text;
  }
  const out = await s.deps.workflow.decide(actorOf(s), {
    action: action.decision,
    caseId,
    step: action.step,
    version: action.version,
    ...(reason ? { reason } : {}),
  });
  s.deps.onDecision?.(out.ok ? { ok: true, action: out.action } : { ok: false, refusal: out.refusal });
  if (s.state?.kind === 'decision_text') await save(s, null);
  if (!out.ok) return refused(s, out.refusal, caseId, out.case);
  const replace = await viewOfCaseFor(s, out.case);
  // An endorsement says where the case goes now; the last word says who hears it.
  if (out.action === 'endorse') {
    const route = await caseRouteOf(s.deps.db, s.strategy, out.case, s.person.locale);
    const now = route?.steps[out.case.step];
    if (now)
      return {
        views: [noticeView(textsOf(s.person.locale).conversation.endorsedNext(holderOf(now)))],
        replace,
      };
  }
  return { views: [chatText(s.person.locale, `decided_${out.action}`)], replace };
}

/** The message the conversation waited for: the reason (or question) of the decision it holds. */
export function decideWithText(
  s: Session,
  waiting: { caseId: number; step: number; version: number; decision: 'reject' | 'ask_info' },
  text: string,
): Promise<ChatResponse> {
  return decide(
    s,
    {
      caseId: String(waiting.caseId),
      step: waiting.step,
      version: waiting.version,
      decision: waiting.decision,
      type: 'decide',
    },
    text,
  );
}
