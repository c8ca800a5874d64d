// Turning views into Teams messages, with what Universal Actions need for cards about a case:
// Action.Execute buttons, and a refresh for the case's assignee and delegate, so they see the
// decision buttons while everyone else sees the case and its state.
import type { Activity } from 'botbuilder';
import type { ChannelPeople } from '../../application/channel-port.js';
import type { ChatIdentity } from '../../application/chat-identity.js';
import type { Block, View } from '../../conversation/index.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import type { ActionMode } from './card-data.js';
import type { RefStore } from './conversation-refs.js';
import { type Tone, viewActivity } from './render-adaptive-card.js';

export interface CaseCardsDeps {
  people: ChannelPeople;
  refs: RefStore;
  demo: boolean;
}

export interface MessageOptions {
  /** The case the view is about, when the caller knows it (outbox items). */
  caseId?: string | null;
  /** Force Action.Execute (answers to an invoke stay Universal Actions). */
  mode?: ActionMode;
  locale?: Locale;
  notice?: { text: string; tone: Tone } | null;
}

/** The case a view decides on, from its decision buttons. */
export function decidedCaseOf(view: View): string | null {
  for (const b of view.blocks)
    if (b.type === 'buttons')
      for (const x of b.buttons) if (x.action.type === 'decide') return x.action.caseId;
  return null;
}

export function hasForm(views: ReadonlyArray<View | undefined>): boolean {
  return views.some((v) => v?.blocks.some((b: Block) => b.type === 'form'));
}

export function createCaseCards(deps: CaseCardsDeps) {
  /** Teams user ids that see the case's own view when the card refreshes: assignee and delegate. */
  async function audience(caseId: string): Promise<string[]> {
    const ids = await deps.people.decidersOf(caseId);
    // Only people with a chat of their own see a card refreshed for them. In the demo's
    // Playground one user plays everyone and a card cannot show per user: cards there say whose
    // they are instead (seen-by-view.ts), and are not refreshed.
    return deps.refs.userIdsOf(ids);
  }

  async function message(view: View, o: MessageOptions = {}): Promise<Partial<Activity>> {
    const caseId = o.caseId ?? decidedCaseOf(view);
    if (!caseId)
      return viewActivity(view, {
        mode: o.mode ?? 'submit',
        ...(o.locale ? { locale: o.locale } : {}),
        notice: o.notice ?? null,
      });
    return viewActivity(view, {
      mode: 'execute',
      ...(o.locale ? { locale: o.locale } : {}),
      refresh: { caseId, userIds: await audience(caseId) },
      notice: o.notice ?? null,
    });
  }

  /** The reader's language: the directory's, else what Teams says, else the strategy's. */
  async function localeFor(personId: string | null | undefined, identity?: ChatIdentity): Promise<Locale> {
    return deps.people.localeOfPerson(personId, identity?.platformLocale);
  }

  return { message, audience, localeFor };
}

export type CaseCards = ReturnType<typeof createCaseCards>;
