// `demo as NAME` in the local demo: the one Playground user acts as someone in the directory from
// now on, and sees again, with their buttons, the decisions waiting for that person.
import type { View } from '../../conversation/index.js';
import { roleName } from '../../domain/strategy/compile-strategy.js';
import { directoryEntries } from '../../store/chat-person-repo.js';
import { replaceConversationState } from '../../store/conversation-repo.js';
import { demoKey } from '../chat-identity.js';
import type { ChatResponse, Session } from '../chat-session.js';
import { chatText } from '../chat-texts.js';
import { caseViewForReader } from '../reader-case-view.js';

const MAX_DEMO_CARDS = 5;

export async function demoAs(s: Session, name: string): Promise<ChatResponse> {
  if (!s.deps.demo) return { views: [chatText(s.person.locale, 'demoRefused')] };
  const wanted = name.trim().toLowerCase();
  const people = await directoryEntries(s.deps.db);
  const match =
    people.find((p) => p.id.toLowerCase() === wanted || p.name.toLowerCase() === wanted) ??
    people.find((p) => p.name.toLowerCase().split(/\s+/)[0] === wanted) ??
    people.find((p) => p.name.toLowerCase().includes(wanted));
  if (!match)
    return {
      views: [chatText(s.person.locale, 'demoUnknown', people.map((p) => p.name.split(' ')[0]).join(', '))],
    };
  await replaceConversationState(
    s.deps.db,
    demoKey(s.identity),
    JSON.stringify(match.id),
    s.deps.clock().toISOString(),
  );
  const role = s.strategy.roles.get(match.role);
  // The decisions waiting for the person played now, again, with their buttons: the cards posted
  // earlier in this one chat showed them as someone else's.
  const now = s.deps.clock();
  const waiting = (await s.deps.workflow.casesWaitingFor(match.id)).slice(0, MAX_DEMO_CARDS);
  const cards: View[] = [];
  for (const c of waiting)
    cards.push(
      await caseViewForReader(
        s.deps.db,
        s.strategy,
        now,
        c,
        match.id,
        s.person.locale,
        undefined,
        s.person.timeZone,
      ),
    );
  return {
    views: [
      chatText(
        s.person.locale,
        'demoNow',
        `${match.name} (${role ? roleName(role, s.person.locale) : match.role})`,
      ),
      ...cards,
    ],
  };
}
