// The chat words, in Dutch and English. Channels strip their own
// mention markup; leftovers, a leading `/koers` or `koers`, case and spacing are tolerated.
// Anything else is `unknown`: the caller answers with a short help, never silence.
import { capLookup } from '../domain/portfolio/partner-key.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { fold } from './fold.js';
import { detectLanguage } from './understanding/detect-language.js';
import { askedWordOf, isCheckQuestion, type SmallTalk, smallTalkOf } from './understanding/intent.js';

export type ChatCommand =
  /** `text`: the rest of the message, to pre-fill the check ("" when none). */
  | { kind: 'check'; text: string; form?: boolean }
  | { kind: 'status' }
  /** `partner` null: the word without a partner; `cut`: only its first words were kept (LOOKUP_LIMITS). */
  | { kind: 'who'; partner: string | null; cut?: boolean }
  | { kind: 'portfolio' }
  | { kind: 'help' }
  /** Acting as a demo person; refusing it outside demo mode is the server's job. */
  | { kind: 'demo_as'; name: string }
  /** Hello, "what can you do?", thanks, goodbye. */
  | { kind: 'small_talk'; talk: SmallTalk }
  | { kind: 'unknown'; text: string };

export interface ParsedCommand {
  command: ChatCommand;
  /**
   * The language the message is clearly written in, when it tells (`toets` is Dutch, `check`
   * English, a sentence by its words); null for words both languages use (`status`, `ok`).
   */
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
const WHO_WORDS: Record<string, Locale> = { who: 'en', "who's": 'en', whos: 'en', wie: 'nl' };
/** "… at the moment", "… nu": not part of the partner's name. */
const WHO_TAIL =
  /\s+(?:at the moment|right now|now|currently|already|these days|op dit moment|momenteel|nu|al|tegenwoordig|inmiddels)$/iu;
const HELP_WORDS: Record<string, Locale | null> = { help: null, hulp: 'nl', '?': null };
const WHO_FILLER =
  /^(?:(?:do\s+we\s+know|does\s+anyone\s+know)\s+(?:anyone\s+|someone\s+|somebody\s+)?(?:at|from)|kent\s+(?:er\s+)?iemand\s+(?:bij|van)|kent\s+iemand|heeft\s+(?:er\s+)?(?:iets|contact|ervaring)\s+met|(?:is\s+)?(?:already\s+)?working\s+with|(?:already\s+)?works?\s+(?:already\s+)?with|is\s+(?:already\s+)?working\s+with|knows|has\s+(?:a\s+)?(?:contact|relationship)\s+with|werkt\s+(?:er\s+)?(?:al\s+)?(?:samen\s+)?met|werken\s+(?:er\s+)?(?:al\s+)?(?:samen\s+)?met|kent|heeft\s+(?:er\s+)?(?:al\s+)?(?:contact|een\s+relatie)\s+met|(?:van\s+ons\s+)?werkt\s+(?:al\s+)?met)\s+/iu;
/** "Werkt iemand al met Deltares?", "does anyone work with TU Delft?": the who question without `wie`. */
const WHO_QUESTION =
  /^(?:(?:werkt|kent)\s+(?:er\s+)?iemand\s+(?:hier\s+)?(?:al\s+)?(?:samen\s+)?(?:met\s+)?|(?:hebben|kennen)\s+(?:we|wij)\s+(?:al\s+)?(?:een\s+)?(?:relatie|contact|samenwerking|relaties)?\s*met\s+|(?:does|do)\s+(?:anyone|anybody|someone|somebody|we)\s+(?:here\s+)?(?:already\s+)?(?:work|works|know)\s+(?:with\s+)?|(?:is\s+)?(?:anyone|anybody|someone)\s+(?:already\s+)?working\s+with\s+)(.+)$/iu;
export function parseCommand(input: string): ParsedCommand {
  const text = cleanCommandText(input);
  const [first = '', ...restWords] = text.split(' ');
  const word = fold(first).replace(/[!.]+$/u, '');
  const rest = restWords.join(' ').trim();

  if (text === '' || word in HELP_WORDS) {
    return { command: { kind: 'help' }, language: text === '' ? null : (HELP_WORDS[word] ?? null) };
  }
  if (word in CHECK_WORDS) {
    // "toets formulier", "check form": the whole check as one form.
    if (/^(?:als\s+)?(?:formulier|form|as\s+a\s+form|met\s+formulier)$/iu.test(rest))
      return { command: { kind: 'check', text: '', form: true }, language: CHECK_WORDS[word] ?? null };
    return { command: { kind: 'check', text: rest }, language: CHECK_WORDS[word] ?? null };
  }
  if (word === 'formulier' || word === 'form')
    return { command: { kind: 'check', text: '', form: true }, language: word === 'formulier' ? 'nl' : 'en' };
  if (word === 'status') return { command: { kind: 'status' }, language: null };
  if (word === 'portfolio' || word === 'portefeuille') {
    return { command: { kind: 'portfolio' }, language: word === 'portefeuille' ? 'nl' : null };
  }
  if (word in WHO_WORDS) {
    const asked = capLookup(rest.replace(WHO_FILLER, ''));
    const partner = asked.name
      .replace(/[?!.\s]+$/u, '')
      .replace(WHO_TAIL, '')
      .trim();
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

  const language = detectLanguage(text);
  const who = WHO_QUESTION.exec(text);
  if (who) {
    const asked = capLookup(who[1] ?? '');
    const partner = asked.name
      .replace(/[?!.\s]+$/u, '')
      .replace(WHO_TAIL, '')
      .trim();
    if (partner !== '')
      return { command: { kind: 'who', partner, ...(asked.cut ? { cut: true } : {}) }, language };
  }
  if (isCheckQuestion(text)) return { command: { kind: 'check', text }, language };
  const talk = smallTalkOf(text);
  if (talk) return { command: { kind: 'small_talk', talk }, language };
  const asked = askedWordOf(text);
  if (asked) return { command: { kind: asked }, language };
  return { command: { kind: 'unknown', text }, language };
}

/** The message without mention markup, a leading `/koers`, and surplus white space. */
export function cleanCommandText(input: string): string {
  return input.replace(MENTION, ' ').replace(/\s+/gu, ' ').trim().replace(PREFIX, '').trim();
}
