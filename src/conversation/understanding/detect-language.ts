// Which language a message is written in, from words that belong to one language only: a
// message with such words of one language and none of the other says so. Words both languages
// use (`ok`, `help`, `status`, `project`), numbers and names (capitalised words, and the linking
// words between them: "Partners for Water") say nothing, so they never switch the conversation.
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import { fold } from '../fold.js';

const list = (s: string) => new Set(s.split(/\s+/u).filter((w) => w !== ''));

const NL = list(`
  ik wij jij je jullie u mij me ons onze uw zij ze hij hen hun het de een van voor met mag mogen kan
  kun kunnen kunt wil wilt willen graag niet geen ook maar nog al wel dan als wat wie waar waarom hoe
  welke zijn ben bent heb hebt heeft hebben moet moeten zou zouden samenwerking samenwerken
  samenwerkingen starten beginnen aangaan doen delen over rond om naar bij uit tot mee dat dit deze
  die er hier daar ja nee neen hoi hallo goedemorgen goedemiddag goedenavond bedankt dank dankjewel
  dankuwel doei ziens maanden maand jaar jaren weken week dagen dag duizend miljoen ongeveer denk
  vertrouwelijk nodig gedeelde opgave eigenlijk hoor even prioriteit partij overheid gemeente
  bedrijf stichting kennis plan gaan komen wordt worden programma alsjeblieft alstublieft aub liever
  zeker niks niets alleen uren zes acht twee drie vier vijf zeven negen tien elf twaalf twintig
  dertig veertig vijftig honderd anderhalf anderhalve half jaartje uitwisselen meedenken verkennen
  kennisuitwisseling waterkwaliteit waterveiligheid klimaat natuur energie wonen water- onderzoek
  universiteit hogeschool vereniging koepel netwerk boer ondernemer handhaving bedrijven gezamenlijk
  samen allebei wederzijds beide openbaar geheim standaard overslaan vorige terug stoppen hulp
  bedoel bedoelt weet idee misschien waarschijnlijk wellicht soort heel erg echt gewoon nou jawel
  jazeker nooit volgend volgende vorig vorige afgelopen komende laat zien overzicht lopen lopend
  staat stand aanvraag aanvragen voorstel voorstellen zaak zaken mijn jouw zijn haar iets iemand
  niemand alles allemaal elke elk welk waarmee waarvoor fijne verder later tot ziens daag groetjes
  groet top prima oke is in we was had want kind start later even team plan klopt akkoord nieuwe nieuw oude oud grote groot kleine klein lang kort
  `);
const EN = list(`
  i we you my our your they them their he she it the a an of with can could may might would should
  will want wants like please pls not no yes yeah yep nope also but still then if what who where why
  how which is are am was were have has had must collaboration collaborate partnership partner
  partnerships start begin do share about around to from into at that this these those there here
  hello hey thanks thank thx bye goodbye morning afternoon evening months month year years weeks
  week days day thousand million roughly think confidential need needs shared task working works
  work let plan planning planned going programme program sure maybe just really kind sort nothing
  none zero only our time hours university college government body company business firm farmer
  grower institute institution knowledge exchange quality safety climate adaptation circular
  economy energy nature biodiversity microplastics exploratory exploring talks water- flood flooding drought heat research network umbrella
  association foundation charity society civil organisation organization enforcement penalty
  violation public secret default skip back stop me show tell give any news request
  overview list all every each mutual both together joint they're we're it's i'm
  i'd we'd you're that's there's what's who's whats hows talking talk meet meeting first last next
  previous new old big small long short great cheers see ya later bye-bye nice day have had six
  eight two three four five seven nine ten eleven twelve twenty thirty forty fifty hundred half
  one yes-please okay sounds good fine right correct wrong mean meant know idea probably perhaps even
  `);
/** The chat's own command words say nothing: everyone uses them, in either language. */
const COMMANDS = list(
  'check toets toetsen status help hulp portfolio portefeuille who wie demo als as koers',
);
/** Words both lists hold say nothing. */
const SHARED = new Set([...NL].filter((w) => EN.has(w)));
const LINKING = list('van voor en de der den het the of for and & aan op');

interface Token {
  word: string;
  capitalised: boolean;
}

function tokens(text: string): Token[] {
  return text
    .split(/[^\p{L}\p{N}'’-]+/u)
    .filter((w) => w !== '')
    .map((raw) => ({ word: fold(raw).replace(/’/gu, "'"), capitalised: /^\p{Lu}/u.test(raw) }));
}

/** The words that may tell a language: not names (capitalised words past the first, and the links between them). */
function tellingWords(text: string): string[] {
  const ts = tokens(text);
  const name = ts.map(
    (t, i) => t.capitalised && (i > 0 || ts[i + 1]?.capitalised === true || nextNameAfterLinks(ts, i)),
  );
  for (let i = 1; i < ts.length - 1; i++) {
    if (LINKING.has(ts[i]?.word ?? '') && name[i - 1] && nextNameAfterLinks(ts, i - 1)) name[i] = true;
  }
  return ts.filter((_, i) => !name[i]).map((t) => t.word);
}

function nextNameAfterLinks(ts: ReadonlyArray<Token>, i: number): boolean {
  let j = i + 1;
  while (j < ts.length && LINKING.has(ts[j]?.word ?? '')) j++;
  return j > i + 1 && ts[j]?.capitalised === true;
}

/** A message of one short word (`ja`, `bye`, `hoi`) never switches: people borrow those. */
const MIN_SINGLE_WORD = 5;

export function detectLanguage(text: string, lexicon?: Lexicon): Locale | null {
  let nl = 0;
  let en = 0;
  const words = tellingWords(text);
  if (tokens(text).length === 1 && [...(words[0] ?? '')].length < MIN_SINGLE_WORD) return null;
  for (const w of new Set(words)) {
    if (SHARED.has(w) || COMMANDS.has(w)) continue;
    const inNl = NL.has(w) || lexicon?.nl.has(w) === true;
    const inEn = EN.has(w) || lexicon?.en.has(w) === true;
    if (inNl && !inEn) nl++;
    else if (inEn && !inNl) en++;
  }
  if (nl > 0 && en === 0) return 'nl';
  if (en > 0 && nl === 0) return 'en';
  if (nl >= 2 && nl >= 3 * en) return 'nl';
  if (en >= 2 && en >= 3 * nl) return 'en';
  return null;
}

/** Words of one language only, from a strategy's own texts (its Dutch and English names). */
export interface Lexicon {
  nl: ReadonlySet<string>;
  en: ReadonlySet<string>;
}

export function lexiconOf(pairs: ReadonlyArray<{ nl?: string; en?: string }>): Lexicon {
  const words = (s: string | undefined) =>
    new Set(
      tokens(s ?? '')
        .map((t) => t.word)
        .filter((w) => w.length >= 3),
    );
  const nl = new Set<string>();
  const en = new Set<string>();
  for (const p of pairs) {
    const a = words(p.nl);
    const b = words(p.en);
    for (const w of a) if (!b.has(w)) nl.add(w);
    for (const w of b) if (!a.has(w)) en.add(w);
  }
  for (const w of nl)
    if (en.has(w)) {
      nl.delete(w);
      en.delete(w);
    }
  return { nl, en };
}

/**
 * The language to answer in: the message's own when it is clearly in one, else the one the
 * conversation already speaks (a dialog keeps the language it switched to), else the person's.
 */
export function replyLocale(text: string, current: Locale, lexicon?: Lexicon): Locale {
  return detectLanguage(text, lexicon) ?? current;
}
