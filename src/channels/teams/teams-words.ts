// The few words the Teams channel says itself, in Dutch and English.
import type { Locale } from '../../domain/strategy/strategy-schema.js';

const WORDS = {
  nl: {
    failed: 'Er ging iets mis aan mijn kant. Probeer het zo nog eens.',
    notOurs: 'Deze kaart ken ik niet (meer). Typ “help” voor wat ik kan.',
    channelHeading: { strategy: '#strategiekanaal', allianceTeam: '#alliantieteam' },
    demoChannelNote: 'In de demo staat dit hier: de Playground heeft dit kanaal niet.',
  },
  en: {
    failed: 'Something went wrong on my side. Please try again in a moment.',
    notOurs: 'I do not know this card (any more). Type “help” to see what I can do.',
    channelHeading: { strategy: '#strategy-channel', allianceTeam: '#alliance-team' },
    demoChannelNote: 'In the demo this shows here: the Playground has no such channel.',
  },
} as const;

export function teamsWords(locale: Locale) {
  return WORDS[locale];
}
