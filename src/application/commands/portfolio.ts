// The `portfolio` word: the register against the priorities (from the digest), or the help where
// this chat service has no portfolio to show.
import { helpView, type View } from '../../conversation/index.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import type { ChatDeps, ChatResponse, Session } from '../chat-session.js';

export async function portfolioViewFor(deps: ChatDeps, locale: Locale): Promise<View> {
  return deps.portfolioView ? await deps.portfolioView(locale) : helpView(locale, { demo: deps.demo });
}

export async function portfolio(s: Session): Promise<ChatResponse> {
  return { views: [await portfolioViewFor(s.deps, s.person.locale)] };
}
