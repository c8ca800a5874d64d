// How the digest writes numbers, dates and percentages (through Intl), and its lists.
import { formatList, intlLocale } from '../../domain/i18n/format.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import { textsOf } from '../../domain/texts/catalogue.js';
import type { DigestTexts } from '../../domain/texts/digest-texts.js';

const percentFormats = new Map<Locale, Intl.NumberFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const decimalFormats = new Map<Locale, Intl.NumberFormat>();

export function formatPercent(share: number, locale: Locale): string {
  let f = percentFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 0 });
    percentFormats.set(locale, f);
  }
  return f.format(share);
}

export function formatDecimal(n: number, locale: Locale): string {
  let f = decimalFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 });
    decimalFormats.set(locale, f);
  }
  return f.format(n);
}

/** A calendar date (YYYY-MM-DD) as people read it: "16 nov 2026" / "16 Nov 2026". */
export function formatDate(date: string, locale: Locale): string {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(locale, f);
  }
  return f.format(new Date(`${date}T12:00:00Z`));
}

const momentFormats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/** An instant as people read it in the time zone: "7 dec 2026 om 08:00" / "7 Dec 2026 at 08:00". */
export function formatMoment(iso: string, timeZone: string, locale: Locale): string {
  const key = `${locale}:${timeZone}`;
  let f = momentFormats.get(key);
  if (!f) {
    f = {
      date: new Intl.DateTimeFormat(intlLocale(locale), {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone,
      }),
      time: new Intl.DateTimeFormat(intlLocale(locale), {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }),
    };
    momentFormats.set(key, f);
  }
  const d = new Date(iso);
  return digestWords(locale).at(f.date.format(d), f.time.format(d));
}

/** The digest's words in the reader's language. */
export function digestWords(locale: Locale): DigestTexts {
  return textsOf(locale).digest;
}

export function listOf(items: ReadonlyArray<string>, locale: Locale): string {
  return items.length === 0 ? digestWords(locale).none : formatList(items, locale);
}
