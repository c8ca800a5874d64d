// The chat words, in Dutch and English. Channels strip their own
// mention markup; leftovers, a leading `/koers` or `koers`, case and spacing are tolerated.
// Anything else is `unknown`: the caller answers with a short help, never silence.
import { capLookup } from '../domain/portfolio/partner-key.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { fold } from './fold.js';

export type ChatCommand =
  /** `text`: the rest of the message, to pre-fill the check ("" when none). */
  | { kind: 'check'; text: string }
  | { kind: 'status' }
  /** `partner` null: the word without a partner; `cut`: only its first words were kept (LOOKUP_LIMITS). */
  | { kind: 'who'; partner: string | null; cut?: boolean }
  | { kind: 'portfolio' }
  | { kind: 'help' }
  /** Acting as a demo person; refusing it outside demo mode is the server's job. */
  | { kind: 'demo_as'; name: string }
  | { kind: 'unknown'; text: string };

export interface ParsedCommand {
  command: ChatCommand;
  /** The language the words were in, when they tell (`toets` is Dutch, `check` English). */
  language: Locale | null;
}

const MENTION = /<@[A-Z0-9]+(?:\|[^>]*)?>|<at>[^<]*<\/at>/giu;
const PREFIX = /^(?:\/koers|@koers|koers)(?:[\s,:]+|$)/iu;
const CHECK_WORDS: Record<string, Locale | null> = {
  check: 'en',
  toets: 'nl',
  toetsen: 'nl',
  toetsing: 'nl',
};
const WHO_WORDS: Record<string, Locale> = { who: 'en', wie: 'nl' };
const HELP_WORDS: Record<string, Locale | null> = { help: null, hulp: 'nl', '?': null };
const WHO_FILLER =
  /^(?:works?\s+with|is\s+working\s+with|werkt\s+(?:er\s+)?(?:al\s+)?(?:samen\s+)?met|werken\s+met)\s+/iu;
const CHECK_QUESTION =
  /(?<![\p{L}])(?:mag ik|kan ik|mogen we|kunnen we|wil(?:len)? (?:ik|we)|can i|may i|could i|can we|may we|samenwerk\p{L}*|collaborat\p{L}*|partnership|partnerschap)(?![\p{L}])/u;
const WITH = /(?<![\p{L}])(?:met|with)(?![\p{L}])/u;

export function parseCommand(input: string): ParsedCommand {
  const text = cleanCommandText(input);
  const [first = '', ...restWords] = text.split(' ');
  const word = fold(first).replace(/[!.]+$/u, '');
  const rest = restWords.join(' ').trim();

  if (text === '' || word in HELP_WORDS) {
    return { command: { kind: 'help' }, language: text === '' ? null : (HELP_WORDS[word] ?? null) };
  }
  if (word in CHECK_WORDS)
    return { command: { kind: 'check', text: rest }, language: CHECK_WORDS[word] ?? null };
  if (word === 'status') return { command: { kind: 'status' }, language: null };
  if (word === 'portfolio' || word === 'portefeuille') {
    return { command: { kind: 'portfolio' }, language: word === 'portefeuille' ? 'nl' : null };
  }
  if (word in WHO_WORDS) {
    const asked = capLookup(rest.replace(WHO_FILLER, ''));
    const partner = asked.name.replace(/[?!.\s]+$/u, '').trim();
    return {
      command: {
        kind: 'who',
        partner: partner === '' ? null : partner,
        ...(asked.cut && partner !== '' ? { cut: true } : {}),
      },
      language: WHO_WORDS[word] ?? null,
    };
  }
  const demo = /^demo\s+(as|als)\s+(.+)$/iu.exec(text);
  if (demo)
    return {
      command: { kind: 'demo_as', name: (demo[2] ?? '').trim() },
      language: demo[1]?.toLowerCase() === 'als' ? 'nl' : 'en',
    };

  const folded = fold(text);
  if (CHECK_QUESTION.test(folded) && WITH.test(folded)) {
    return {
      command: { kind: 'check', text },
      language: /(?<![\p{L}])met(?![\p{L}])/u.test(folded) ? 'nl' : 'en',
    };
  }
  return { command: { kind: 'unknown', text }, language: null };
}

/** The message without mention markup, a leading `/koers`, and surplus white space. */
export function cleanCommandText(input: string): string {
  return input.replace(MENTION, ' ').replace(/\s+/gu, ' ').trim().replace(PREFIX, '').trim();
}
