// The partner named in a sentence ("mag ik met Greenpeace Nederland kennis delen over …"): the
// words after `met`/`with` up to where the sentence goes on (a verb, an intensity or topic
// phrase, `over`, `rond`, `om`, `about`, `on`, an amount or a duration). A linking word (`van`,
// `voor`, `en`, `for`, `of`, `and`, `&`) followed by a capitalised word stays in the name
// ("Rijksinstituut voor Volksgezondheid en Milieu", "Partners for Water"); legal forms stay as
// typed. The register settles the rest: a name, or a part of it, that the register knows wins;
// when it stays unclear ("TU Delft en Deltares": one partner or two?) the person is asked.
import { fold } from '../fold.js';

export interface PartnerReading {
  /** As the person typed it. */
  name: string;
  /** Where it stands in the text (for reading the rest of the sentence). */
  start: number;
  end: number;
  /** When one or several partners could be meant: the choices to offer (the whole name first). */
  choices?: string[];
}

export interface PartnerReadingContext {
  /** Phrases that end a name (the strategy's intensities and priorities, by name and keyword), folded. */
  stopPhrases?: ReadonlyArray<ReadonlyArray<string>>;
  /** Is this name one the register knows (by partner key)? Only for names from `partnerCandidates`. */
  known?: (name: string) => boolean;
}

const INTRO = /(?<![\p{L}\p{N}])(?:met|with)\s+/giu;
const QUOTED = /^["“”«»'‘’]([^"“”«»'‘’]{1,200})["“”«»'‘’]/u;
const MAX_WORDS = 10;

const STOP = new Set(
  `een over om op aan rond rondom inzake omtrent betreffende in bij te tot naar na tijdens starten
  beginnen aangaan opzetten doen samenwerken samen werken sluiten delen maken uitwisselen
  organiseren ontwikkelen onderzoeken verkennen uitvoeren houden gaan hebben heeft is zijn wordt
  worden kennis maanden maand jaar jaren weken week budget zodat omdat want dat die waarbij wij we
  ik ons onze graag eventueel misschien nog ook even alvast mogelijk binnenkort volgend komend dit
  deze voor van en mee aangaande vanaf per gedurende starts
  a an on about for to around regarding at start begin starting set do work collaborate partner
  share sharing exchange run launch develop build organise organize months month year years weeks
  week knowledge into as from under within by this next so because since that which who where i our
  us they it is are will would could can may should please pls and of join together jointly up in
  the de het`
    .split(/\s+/u)
    .filter((w) => w !== ''),
);
/** Words that may join the parts of one name. */
const LINKS = new Set([
  'van',
  'voor',
  'en',
  'for',
  'of',
  'and',
  '&',
  'de',
  'der',
  'den',
  'het',
  'the',
  "'t",
  'aan',
  'op',
  'y',
  'et',
]);
const CONJUNCTIONS = new Set(['en', 'and', '+', 'plus']);
/** Joined with `&`, two words are one name ("Brink & Partners", "University & Research"). */
const LEGAL_FORMS = new Set([
  'b.v',
  'bv',
  'n.v',
  'nv',
  'v.o.f',
  'vof',
  'u.a',
  'ua',
  'c.v',
  'cv',
  'ltd',
  'gmbh',
  'inc',
  'llc',
  'plc',
  's.a',
  'sa',
  'ag',
  'co',
  'corp',
  'bvba',
  'nv/sa',
]);
const ARTICLES = new Set(['de', 'het', 'the', 'een', 'a', 'an', "'t"]);

interface Word {
  raw: string;
  /** The word without trailing sentence punctuation. */
  word: string;
  key: string;
  start: number;
  end: number;
  /** Sentence punctuation after it ends the name. */
  closes: boolean;
}

function wordsAfter(text: string, from: number): Word[] {
  const out: Word[] = [];
  for (const m of text.slice(from).matchAll(/\S+/gu)) {
    const raw = m[0];
    const start = from + (m.index ?? 0);
    const trail = /[?!,;:()"“”]+$|(?<!\b\p{L})\.+$/u.exec(raw);
    let word = trail ? raw.slice(0, trail.index) : raw;
    let closes = trail !== null;
    // "B.V." keeps its dots; a sentence-ending dot after an ordinary word closes the name.
    if (/\.$/u.test(word) && !isLegalForm(word) && !/^(?:\p{L}\.){2,}$/u.test(word)) {
      word = word.replace(/\.+$/u, '');
      closes = true;
    }
    if (/^[(["“]/u.test(word)) break;
    out.push({ raw, word, key: fold(word).replace(/\.$/u, ''), start, end: start + word.length, closes });
  }
  return out;
}

function isLegalForm(word: string): boolean {
  return LEGAL_FORMS.has(fold(word).replace(/\.$/u, '').replace(/,$/u, ''));
}

const isCapitalised = (w: string) => /^[\p{Lu}\p{N}]/u.test(w) || /\p{Lu}/u.test(w.slice(1));
const isAmount = (w: string) => /^(?:€|\$|£|\d)/u.test(w);

function startsPhrase(words: Word[], at: number, phrases: ReadonlyArray<ReadonlyArray<string>>): boolean {
  return phrases.some(
    (p) =>
      p.length > 0 &&
      p.every((pw, k) => {
        const key = words[at + k]?.key;
        return key !== undefined && (key === pw || (pw.length >= 5 && key.startsWith(pw)));
      }),
  );
}

interface Span {
  words: Word[];
  capitalised: boolean;
}

/** "met een boer uit de polder": a kind of partner, not a name; the sentence names none. */
const GENERIC: Span = { words: [], capitalised: false };

/** The name's words after one intro, before the register is asked. */
function spanAt(text: string, from: number, ctx: PartnerReadingContext): Span | null {
  const words = wordsAfter(text, from);
  let i = 0;
  // "met een ingenieursbureau": a kind of partner, not a name.
  if (['een', 'a', 'an'].includes(words[0]?.key ?? '') && !isCapitalised(words[0]?.word ?? ''))
    return GENERIC;
  while (i < words.length && ARTICLES.has(words[i]?.key ?? '') && !isCapitalised(words[i]?.word ?? '')) i++;
  const first = words[i];
  if (!first || isAmount(first.word) || (STOP.has(first.key) && !isCapitalised(first.word))) return null;
  const capitalised = isCapitalised(first.word);
  const taken: Word[] = [first];
  const phrases = ctx.stopPhrases ?? [];
  let k = i + 1;
  let closed = first.closes;
  while (!closed && k < words.length && taken.length < MAX_WORDS) {
    const w = words[k] as Word;
    if (isLegalForm(w.word)) {
      taken.push(w);
      closed = w.closes;
      k++;
      continue;
    }
    if (LINKS.has(w.key) || w.word === '&') {
      // A run of linking words ("aan den") followed by the rest of a name.
      let j = k;
      while (
        j < words.length &&
        (LINKS.has(words[j]?.key ?? '') || words[j]?.word === '&') &&
        !words[j]?.closes
      )
        j++;
      const next = words[j];
      const continues =
        next !== undefined &&
        !isAmount(next.word) &&
        (capitalised ? isCapitalised(next.word) : !STOP.has(next.key) && !startsPhrase(words, j, phrases));
      if (!continues) break;
      taken.push(...words.slice(k, j + 1));
      closed = next.closes;
      k = j + 1;
      continue;
    }
    if (capitalised && !isCapitalised(w.word)) break;
    if (isAmount(w.word) || (STOP.has(w.key) && !(capitalised && isCapitalised(w.word)))) break;
    if (!(capitalised && isCapitalised(w.word)) && startsPhrase(words, k, phrases)) break;
    taken.push(w);
    closed = w.closes;
    k++;
  }
  return { words: taken, capitalised };
}

function nameOf(text: string, words: ReadonlyArray<Word>): string {
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return '';
  return text
    .slice(first.start, last.end)
    .replace(/[,;]+$/u, '')
    .trim();
}

/** The parts of a name joined by `en`/`and`: "TU Delft en Deltares" → TU Delft, Deltares. */
function conjunctionParts(text: string, words: ReadonlyArray<Word>): string[] {
  const parts: Word[][] = [[]];
  for (const w of words) {
    if (CONJUNCTIONS.has(w.key)) parts.push([]);
    else parts[parts.length - 1]?.push(w);
  }
  if (parts.length < 2 || parts.some((p) => p.length === 0)) return [];
  return parts.map((p) => nameOf(text, p));
}

function prefixes(text: string, words: ReadonlyArray<Word>): string[] {
  const out: string[] = [];
  for (let n = words.length - 1; n >= 1; n--) {
    const head = words.slice(0, n);
    if (LINKS.has(head[head.length - 1]?.key ?? '')) continue;
    out.push(nameOf(text, head));
  }
  return out;
}

/** "graag een toets: Energiecoöperatie Zeeveld U.A., aquathermie, project": a list after a colon. */
const LISTED = /(?:toets|check|voorstel|proposal)\s*:\s*/iu;

function firstSpan(
  text: string,
  ctx: PartnerReadingContext,
): { start: number; span: Span | null; quoted?: string; quotedEnd?: number } | null {
  const listed = LISTED.exec(text);
  if (listed && !/(?<![\p{L}])(?:met|with)\s/iu.test(text)) {
    const start = listed.index + listed[0].length;
    const end = text.slice(start).search(/,(?!\S*\.)|\s+-\s+|;/u);
    const name = text.slice(start, end === -1 ? undefined : start + end).trim();
    if (name !== '' && /^[\p{Lu}\p{N}]/u.test(name))
      return { start, span: null, quoted: name, quotedEnd: start + name.length };
  }
  for (const m of text.matchAll(INTRO)) {
    const start = (m.index ?? 0) + m[0].length;
    const quoted = QUOTED.exec(text.slice(start));
    if (quoted) {
      const name = (quoted[1] ?? '').trim();
      if (name !== '') return { start, span: null, quoted: name, quotedEnd: start + quoted[0].length };
    }
    const span = spanAt(text, start, ctx);
    if (span === GENERIC) return null;
    if (span) return { start, span };
  }
  return null;
}

/** Every name the register might be asked about for this text (whole, parts, shorter heads). */
export function partnerCandidates(text: string, ctx: PartnerReadingContext = {}): string[] {
  const found = firstSpan(text, ctx);
  if (!found) return [];
  if (found.quoted) return [found.quoted];
  const words = found.span?.words ?? [];
  return [...new Set([nameOf(text, words), ...conjunctionParts(text, words), ...prefixes(text, words)])];
}

export function readPartner(text: string, ctx: PartnerReadingContext = {}): PartnerReading | null {
  const found = firstSpan(text, ctx);
  if (!found) return null;
  if (found.quoted) return { name: found.quoted, start: found.start, end: found.quotedEnd ?? found.start };
  const words = found.span?.words ?? [];
  const whole = nameOf(text, words);
  if (whole === '') return null;
  const first = words[0] as Word;
  const last = words[words.length - 1] as Word;
  const reading: PartnerReading = { name: whole, start: first.start, end: last.end };
  const known = ctx.known ?? (() => false);
  if (known(whole)) return reading;
  // "TU Delft en Deltares": one partner, or two? Asked when the register knows a part.
  const parts = conjunctionParts(text, words);
  if (parts.length > 0) return parts.some(known) ? { ...reading, choices: [whole, ...parts] } : reading;
  const head = prefixes(text, words).find(known);
  if (head !== undefined) {
    const n = wordsAfterCount(head, words);
    const lastHead = words[n - 1] as Word;
    return { name: head, start: first.start, end: lastHead.end };
  }
  return reading;
}

function wordsAfterCount(head: string, words: ReadonlyArray<Word>): number {
  let length = 0;
  for (let n = 0; n < words.length; n++) {
    length = (words[n] as Word).end - (words[0] as Word).start;
    if (length >= head.length) return n + 1;
  }
  return words.length;
}

/** Sounds and acknowledgements before the name ("eh, het RIVM", "ok, TU Delft"). */
const ANSWER_FILLER = /^(?:(?:nou|eh|ehm|uh|uhm|um|oh|ok(?:e|ay)?|ja|yes|so|dus|well|hmm)[,\s]+)+/iu;
/** Words that introduce the name ("het is", "we're talking to", "ze heten"). */
const ANSWER_INTRO =
  /^(?:(?:het is|dat is|dat wordt|het wordt|het gaat om|het betreft|it's|it is|that's|that is|it would be|we mean|i mean|ik bedoel|de partner is|the partner is|partner is|partner:|naam:|name:|met|with|samen met|together with|we're talking to|we are talking to|talking to|ze heten|zij heten|het heet|they're called|they are called|it's called|called|genaamd)\s+)+/iu;
const LEADING_ARTICLE = /^(?:de|het|the)\s+(?=\S)/u;
const ANSWER_TAIL =
  /(?:[\s,]+(?:graag|please|pls|denk ik|i think|i guess|geloof ik|toch|right|hoor|natuurlijk|of course))+$/iu;
/** ", een melkveebedrijf": a description after the name. */
const APPOSITION = /,\s+(?:een|a|an|de|het|the|die|that|which|dat|uit|from|in)\s.*$/iu;

export interface PartnerAnswer {
  name: string;
  /** Words around the name were left out: said back. */
  trimmed: boolean;
  /** One partner or more? The choices to offer, the whole answer first. */
  choices?: string[];
}

/** A typed answer to "with which organisation?": the name, without the words around it. */
export function readPartnerAnswer(
  input: string,
  known: (name: string) => boolean = () => false,
): PartnerAnswer {
  const typed = input
    .trim()
    .replace(/[?!]+$/u, '')
    .trim();
  let name = typed
    .replace(ANSWER_FILLER, '')
    .replace(ANSWER_INTRO, '')
    .replace(LEADING_ARTICLE, '')
    .replace(APPOSITION, '')
    .replace(ANSWER_TAIL, '')
    .trim();
  if (name.endsWith('.') && !isLegalForm(name.split(/\s+/u).pop() ?? '')) name = name.slice(0, -1).trim();
  if (name === '') name = typed;
  const trimmed = name !== typed;
  const words = wordsAfter(name, 0);
  const parts = conjunctionParts(name, words);
  if (parts.length > 0 && !known(name) && parts.some(known))
    return { name, trimmed, choices: [name, ...parts] };
  return { name, trimmed };
}
