// Locale-aware formatting. Intl formatters are costly to build, so each is built once.
import type { Locale } from '../strategy/strategy-schema.js';

const INTL_LOCALE: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };
const moneyFormats = new Map<string, { whole: Intl.NumberFormat; cents: Intl.NumberFormat }>();
const listFormats = new Map<string, Intl.ListFormat>();

/** `€ 25.000` in nl (with a no-break space), `€25,000` in en; cents only when there are any. */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
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
  const words = name.split(/\s+/u);
  const first = words[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return name;
  if (words.length > 1 && words.slice(1).every((w) => /^\p{Lu}/u.test(w))) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
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
  const words = name.split(/\s+/u);
  if (words.length > 1 && words.slice(1).every((w) => /^\p{Lu}/u.test(w))) return name;
  const lower = inRunningText(name);
  if (locale === 'en') return `the ${lower}`;
  const last = (words[words.length - 1] ?? '').toLowerCase();
  return `${HET_ENDINGS.some((e) => last.endsWith(e)) ? 'het' : 'de'} ${lower}`;
}
