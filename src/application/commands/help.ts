// The `help` word, small talk (a greeting, "what can you do?", thanks) and a word Koers does not
// know: short answers that say what the person can do.
import { helpView, type SmallTalk, smallTalkView, unknownCommandView } from '../../conversation/index.js';
import type { ChatResponse, Session } from '../chat-session.js';

export function help(s: Session): ChatResponse {
  return { views: [helpView(s.person.locale, { demo: s.deps.demo })] };
}

/** A greeting or "what can you do?" is a first contact: its answer is the welcome, once. */
export async function smallTalk(s: Session, talk: SmallTalk): Promise<ChatResponse> {
  const first = talk === 'greeting' || talk === 'capabilities';
  const welcomed = first && (await s.claimWelcome(s.identity, s.deps.clock()));
  return {
    views: [
      smallTalkView({ locale: s.person.locale, strategy: s.strategy }, talk, {
        demo: s.deps.demo,
        welcome: welcomed,
      }),
    ],
    welcomed: true,
  };
}

export function unknownWord(s: Session): ChatResponse {
  return { views: [unknownCommandView(s.person.locale)] };
}
