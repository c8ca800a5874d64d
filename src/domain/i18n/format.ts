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
