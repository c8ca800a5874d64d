// Yes or no as people say it: `ja`, `yes please`, `ja, graag vertrouwelijk`, `nee hoor`,
// `liever niet`, `no thanks`, `hoeft niet`. Both at once, or neither, is no answer.
import { fold } from '../fold.js';
import { wordsOf } from './tokens.js';

const YES_WORDS = new Set([
  'ja',
  'jazeker',
  'jawel',
  'jep',
  'jup',
  'yes',
  'yep',
  'yup',
  'yeah',
  'ya',
  'sure',
  'zeker',
  'graag',
  'please',
  'absoluut',
  'absolutely',
  'definitely',
  'certainly',
  'klopt',
  'correct',
  'akkoord',
  'prima',
  'j',
  'y',
]);
const NO_WORDS = new Set(['nee', 'neen', 'nope', 'no', 'nah', 'n', 'niet', 'geen', 'nooit', 'never', 'not']);
const YES_PHRASES = [/\bliever wel\b/u, /\bgraag wel\b/u, /\bdat wel\b/u, /\bmoet (?:wel )?geheim\b/u];
const NO_PHRASES = [
  /\bliever niet\b/u,
  /\bhoeft niet\b/u,
  /\bniet nodig\b/u,
  /\bnot needed\b/u,
  /\bno need\b/u,
  /\bnot necessary\b/u,
  /\bno thanks?\b/u,
  /\bnee,? dank/u,
  /\bniet vertrouwelijk\b/u,
  /\bnot confidential\b/u,
  /\bmag (?:gewoon )?openbaar\b/u,
  /\bcan be public\b/u,
  /\bdoesn'?t matter\b/u,
  /\bmaakt niet uit\b/u,
];

/** `extraYes`/`extraNo`: words that answer this question ("vertrouwelijk", "openbaar"). */
/** "weet ik nog niet", "not sure": no answer yet. */
const UNSURE =
  /\b(?:weet (?:ik )?(?:het )?(?:nog )?niet|geen idee|not sure|don'?t know|dunno|no idea|misschien|maybe|weet niet|twijfel|hangt ervan af|depends)\b/u;

/** "jaaa", "neee": a word with a letter held too long. */
function unstretched(word: string): string[] {
  return [word, word.replace(/(\p{L})\1{2,}/gu, '$1$1'), word.replace(/(\p{L})\1+/gu, '$1')];
}

export function readYesNo(
  input: string,
  extra: { yes?: ReadonlyArray<string>; no?: ReadonlyArray<string> } = {},
): boolean | null {
  const f = fold(input);
  if (UNSURE.test(f)) return null;
  const no = NO_PHRASES.some((p) => p.test(f));
  const yesPhrase = YES_PHRASES.some((p) => p.test(f));
  if (no && !yesPhrase) return false;
  if (yesPhrase && !no) return true;
  const words = wordsOf(f);
  const yesExtra = new Set((extra.yes ?? []).map(fold));
  const noExtra = new Set((extra.no ?? []).map(fold));
  let yes = false;
  let nay = false;
  for (const word of words) {
    const forms = unstretched(word);
    if (forms.some((w) => YES_WORDS.has(w) || yesExtra.has(w)) || isSwapOf(word, ['yes', 'jaa'])) yes = true;
    if (forms.some((w) => NO_WORDS.has(w) || noExtra.has(w)) || isSwapOf(word, ['nee', 'nope'])) nay = true;
  }
  // "ja, graag vertrouwelijk": yes; "nee, niet vertrouwelijk" was caught above.
  if (yes && !nay) return true;
  if (nay && !yes) return false;
  // "graag" with a no ("nee, graag openbaar") or "ok, no": the no-word decides when the yes-word is politeness.
  if (yes && nay && words.some((w) => w === 'nee' || w === 'no' || w === 'nope' || w === 'neen')) {
    const strongYes = words.some(
      (w) => w === 'ja' || w === 'yes' || w === 'yep' || w === 'yeah' || yesExtra.has(w),
    );
    return strongYes ? null : false;
  }
  return null;
}

/** `yse` for yes: the same letters with two neighbours swapped. */
function isSwapOf(word: string, targets: ReadonlyArray<string>): boolean {
  return targets.some((t) => {
    if (t.length !== word.length || t === word) return false;
    for (let i = 0; i + 1 < t.length; i++) {
      if (word === t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2)) return true;
    }
    return false;
  });
}
