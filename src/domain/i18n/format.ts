// Locale-aware formatting. Intl formatters are costly to build, so each is built once.
import type { Locale } from '../strategy/strategy-schema.js';

const INTL_LOCALE: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };
const moneyFormats = new Map<string, { whole: Intl.NumberFormat; cents: Intl.NumberFormat }>();
const listFormats = new Map<string, Intl.ListFormat>();

/** `€ 25.000` in nl (with a no-break space), `€25,000` in en; cents only when there are any. */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  // Whole euros, the amounts of nearly every proposal, are written without Intl: a format call
  // costs more than the rest of a check's sentence. Intl writes exactly this (a test holds them
  // together); anything else goes to Intl.
  if (currency === 'EUR' && Number.isSafeInteger(amount) && amount >= 0)
    return locale === 'nl' ? `€\u00a0${grouped(amount, '.')}` : `€${grouped(amount, ',')}`;
  const key = `${locale}:${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    const base = { style: 'currency', currency } as const;
    f = {
      whole: new Intl.NumberFormat(INTL_LOCALE[locale], {
        ...base,
        minimumFractionDigits: 0,
        maximumFractionDigits: 0,
      }),
      cents: new Intl.NumberFormat(INTL_LOCALE[locale], {
        ...base,
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }),
    };
    moneyFormats.set(key, f);
  }
  return Number.isInteger(amount) ? f.whole.format(amount) : f.cents.format(amount);
}

/** The digits of a whole number in groups of three: 1234567 is 1.234.567 (or 1,234,567). */
function grouped(n: number, separator: string): string {
  const digits = String(n);
  if (digits.length <= 3) return digits;
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += separator + digits.slice(i, i + 3);
  return out;
}

export function formatMonths(months: number, locale: Locale): string {
  const n = Number.isInteger(months) ? String(months) : months.toLocaleString(INTL_LOCALE[locale]);
  if (locale === 'nl') return `${n} ${months === 1 ? 'maand' : 'maanden'}`;
  return `${n} ${months === 1 ? 'month' : 'months'}`;
}

/** "a, b en c" / "a, b and c". */
export function formatList(
  items: ReadonlyArray<string>,
  locale: Locale,
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
  const key = `${locale}:${type}`;
  let f = listFormats.get(key);
  if (!f) {
    f = new Intl.ListFormat(INTL_LOCALE[locale], { style: 'long', type });
    listFormats.set(key, f);
  }
  return f.format(items);
}

export function intlLocale(locale: Locale): string {
  return INTL_LOCALE[locale];
}

/**
 * A name from the strategy inside a sentence: its first letter in lower case ("een
 * kennisinstelling"), unless its first word is all capitals ("een GGD") or the name is a proper
 * name of several capitalised words ("Gedeputeerde Staten").
 */
export function inRunningText(name: string): string {
  return runningTexts.get(name) ?? remember(runningTexts, name, inRunningTextOf(name));
}

function inRunningTextOf(name: string): string {
  const words = name.split(/\s+/u);
  const first = words[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return name;
  if (words.length > 1 && words.slice(1).every((w) => /^\p{Lu}/u.test(w))) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * The running-text forms of names, remembered: the names are the strategy's own (types, roles,
 * intensities), few and asked for in every check. Bounded, so names from elsewhere cannot grow it.
 */
const runningTexts = new Map<string, string>();
const nlRoleTexts = new Map<string, string>();
const enRoleTexts = new Map<string, string>();
const REMEMBERED_NAMES = 1024;

function remember(cache: Map<string, string>, name: string, text: string): string {
  if (cache.size >= REMEMBERED_NAMES) cache.clear();
  cache.set(name, text);
  return text;
}

/** Dutch nouns that take "het" (compounds take the gender of their last part). */
const HET_ENDINGS = [
  'hoofd',
  'bestuur',
  'college',
  'team',
  'comite',
  'comité',
  'management',
  'kabinet',
  'lid',
];

/**
 * A role named with its article in running text: "de teamleider", "het afdelingshoofd", "the
 * head of department"; a proper name of several capitalised words stays as it is.
 */
export function roleInRunningText(name: string, locale: Locale): string {
  const cache = locale === 'nl' ? nlRoleTexts : enRoleTexts;
  return cache.get(name) ?? remember(cache, name, roleInRunningTextOf(name, locale));
}

function roleInRunningTextOf(name: string, locale: Locale): string {
  const words = name.split(/\s+/u);
  if (words.length > 1 && words.slice(1).every((w) => /^\p{Lu}/u.test(w))) return name;
  const lower = inRunningText(name);
  if (locale === 'en') return `the ${lower}`;
  const last = (words[words.length - 1] ?? '').toLowerCase();
  return `${HET_ENDINGS.some((e) => last.endsWith(e)) ? 'het' : 'de'} ${lower}`;
}
