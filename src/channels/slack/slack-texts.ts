// The few words only the Slack app says (where a conversation continues), in Dutch and English.
// Everything else comes from the chat service's views.
import type { Locale } from '../../domain/strategy/strategy-schema.js';

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
