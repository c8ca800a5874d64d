// The `status` word: the person's own open proposals and the cases waiting for their decision.
import { statusView } from '../../conversation/index.js';
import { caseSummariesOf } from '../case-summary-of.js';
import { type ChatResponse, type Session, vcOf } from '../chat-session.js';

export async function status(s: Session): Promise<ChatResponse> {
  const [mine, waiting] = await Promise.all([
    s.deps.workflow.openCasesRequestedBy(s.person.id),
    s.deps.workflow.casesWaitingFor(s.person.id),
  ]);
  const sum = (list: typeof mine) => caseSummariesOf(s.deps.db, s.strategy, list, s.person.locale);
  return { views: [statusView(vcOf(s), { mine: await sum(mine), waitingForMe: await sum(waiting) })] };
}
