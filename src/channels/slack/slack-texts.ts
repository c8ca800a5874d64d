// The few words only the Slack app says (where a conversation continues), in Dutch and English.
// Everything else comes from the chat service's views.
import type { Kysely } from 'kysely';
import type { ChatIdentity } from '../../chat/chat-identity.js';
import { localeOf } from '../../chat/chat-identity.js';
import type { Strategy } from '../../domain/strategy/compile-strategy.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import { findPersonByPlatformId } from '../../store/people-repo.js';
import type { Database } from '../../store/schema.js';

const TEXTS = {
  nl: {
    continuedInDm: 'Ik heb de toets in een privébericht met u gestart; daar gaan we verder.',
    stillWorking: 'Uw formulier is ontvangen; het antwoord volgt hier zo.',
  },
  en: {
    continuedInDm: 'I started the check in a direct message with you; we carry on there.',
    stillWorking: 'Your form was received; the answer follows here shortly.',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type SlackTextKey = keyof (typeof TEXTS)['nl'];

export function slackText(locale: Locale, key: SlackTextKey): string {
  return TEXTS[locale][key];
}

/** The language the chat service will answer this person in (the same rule: directory, Slack, strategy). */
export async function localeFor(
  db: Kysely<Database>,
  strategy: Strategy,
  identity: ChatIdentity,
): Promise<Locale> {
  const row = await findPersonByPlatformId(db, 'slack', identity.userId);
  return localeOf(row ?? null, identity.platformLocale, strategy);
}
