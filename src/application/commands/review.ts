// The periodic review of a relationship, answered by its owner: a button of the day's review list
// opens the relationship's form; the form filled in is saved (or its problems are told).
import type { ActionPayload } from '../../conversation/index.js';
import { reviewSubjectFor, submitReview } from '../../jobs/reviews.js';
import { reviewRequestView } from '../../jobs/views/review-request-view.js';
import { actorOf, type ChatResponse, type Session } from '../chat-session.js';
import { chatText } from '../chat-texts.js';

export async function review(
  s: Session,
  action: Extract<ActionPayload, { type: 'submit_review' }>,
  values: Record<string, unknown>,
): Promise<ChatResponse> {
  // A button of the day's review list: the form of that relationship, for its owner.
  if (Object.keys(values).length === 0) {
    const subject = await reviewSubjectFor(s.deps.workflow.deps, s.person.id, Number(action.relationshipId));
    if (subject) return { views: [], form: reviewRequestView(subject, s.person.locale) };
  }
  const out = await submitReview(s.deps.workflow.deps, actorOf(s), Number(action.relationshipId), values, {
    dueDate: action.dueDate,
  });
  if (out.ok)
    return {
      views: [
        chatText(s.person.locale, out.relationship.status === 'ended' ? 'reviewSavedEnded' : 'reviewSaved'),
      ],
    };
  if (out.refusal === 'invalid_answer') {
    const problems = (out.problems ?? []).map((p) => p.message).join(' ');
    return { views: [chatText(s.person.locale, 'reviewInvalid', problems)] };
  }
  return { views: [chatText(s.person.locale, `review_${out.refusal}`)] };
}
